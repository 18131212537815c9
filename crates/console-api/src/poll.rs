//! How often to poll a running job: quickly while all is well, backing off after errors, and never sooner
//! than a 429's `Retry-After`.

/// Poll delays in milliseconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Backoff {
    pub base_ms: u32,
    pub max_ms: u32,
    current_ms: u32,
}

impl Backoff {
    pub fn new(base_ms: u32, max_ms: u32) -> Self {
        Self {
            base_ms,
            max_ms,
            current_ms: base_ms,
        }
    }

    /// The delay before the next poll.
    pub fn delay_ms(&self) -> u32 {
        self.current_ms
    }

    /// A poll answered: back to the base delay.
    pub fn succeeded(&mut self) {
        self.current_ms = self.base_ms;
    }

    /// A poll failed: double the delay up to the maximum, and wait at least `retry_after_secs` if the
    /// server said so.
    pub fn failed(&mut self, retry_after_secs: Option<u64>) {
        let doubled = self.current_ms.saturating_mul(2).min(self.max_ms);
        let asked = retry_after_secs
            .map(|s| u32::try_from(s.saturating_mul(1000)).unwrap_or(u32::MAX))
            .unwrap_or(0);
        self.current_ms = doubled.max(asked);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backs_off_and_recovers() {
        let mut b = Backoff::new(2000, 30_000);
        assert_eq!(b.delay_ms(), 2000);
        b.failed(None);
        assert_eq!(b.delay_ms(), 4000);
        for _ in 0..10 {
            b.failed(None);
        }
        assert_eq!(b.delay_ms(), 30_000, "capped");
        b.succeeded();
        assert_eq!(b.delay_ms(), 2000);
    }

    #[test]
    fn honours_retry_after_even_above_the_cap() {
        let mut b = Backoff::new(2000, 30_000);
        b.failed(Some(45));
        assert_eq!(b.delay_ms(), 45_000);
        b.failed(Some(1));
        assert_eq!(b.delay_ms(), 30_000);
    }
}
