//! Rebuild when the embedded bank or templates change.

fn main() {
    println!("cargo:rerun-if-changed=content");
    println!("cargo:rerun-if-changed=templates");
}
