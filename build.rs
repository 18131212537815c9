// With the `split` feature (src/lazy.rs), the linker keeps its relocations in the wasm binary: the
// splitter (scripts/split/wasm-bindgen) reads them to move code out. Nothing otherwise.
fn main() {
    println!("cargo:rerun-if-env-changed=CARGO_FEATURE_SPLIT");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    if wasm && std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo:rustc-link-arg-bins=--emit-relocs");
    }
}
