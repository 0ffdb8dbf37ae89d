//! Embeds every dictionary file under `data/actors`, `data/verbs` and `data/attribution`, so the
//! binary needs nothing at run time. The list is generated, so adding a file needs no code change.

use std::{env, fs, path::Path};

fn main() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let mut files = Vec::new();
    for dir in ["actors", "verbs", "attribution"] {
        let d = data.join(dir);
        println!("cargo:rerun-if-changed={}", d.display());
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            let ext = p.extension().and_then(|x| x.to_str()).unwrap_or("");
            if ext == "toml" || ext == "txt" {
                println!("cargo:rerun-if-changed={}", p.display());
                let name = format!("{dir}/{}", p.file_name().unwrap().to_string_lossy());
                files.push((name, p.canonicalize().unwrap()));
            }
        }
    }
    files.sort();
    let mut out = String::from("/// Dictionary files embedded at build time: (path under data/, contents).\npub static EMBEDDED_FILES: &[(&str, &str)] = &[\n");
    for (name, path) in files {
        out.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    out.push_str("];\n");
    fs::write(
        Path::new(&env::var("OUT_DIR").unwrap()).join("embedded.rs"),
        out,
    )
    .unwrap();
}
