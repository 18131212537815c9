//! Entry point: mounts the console. Everything else lives in the library, so tests can import it.

fn main() {
    integration_console::start();
}
