//! Rebuilds when anything under `checks/` changes: the data is built into the binary with
//! `include_dir!`, which cargo does not track by itself on stable Rust.

fn main() {
    println!("cargo:rerun-if-changed=checks");
}
