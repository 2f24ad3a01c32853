//! Generated banks for the benchmarks, made once by `gen_bank.py` and kept
//! under `target/bench-banks/N`.

use std::path::PathBuf;
use std::process::Command;

/// A generated bank of `n` questions on disk.
pub fn bank(n: usize) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("target/bench-banks").join(n.to_string());
    if !dir.join("questions").is_dir() {
        let status = Command::new("python3")
            .arg(root.join("benches/gen_bank.py"))
            .arg(n.to_string())
            .arg(&dir)
            .status()
            .expect("python3 generates the benchmark banks");
        assert!(status.success(), "gen_bank.py failed");
    }
    dir
}

/// The generated bank sizes the engine bench runs.
#[allow(dead_code)] // Each bench binary includes this module; only the engine bench sizes banks.
pub const SIZES: [usize; 2] = [1_000, 10_000];
