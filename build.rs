//! Lets the `tacitus` binary and its tests find libduckdb.so without LD_LIBRARY_PATH: the
//! directory `DUCKDB_LIB_DIR` (set by .cargo/config.toml) goes into the rpath.
fn main() {
    println!("cargo:rerun-if-env-changed=DUCKDB_LIB_DIR");
    if let Ok(dir) = std::env::var("DUCKDB_LIB_DIR") {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{dir}");
    }
}
