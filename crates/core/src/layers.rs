//! The crate's layers, checked: [`crate::domain`] uses nothing else in the crate, and
//! [`crate::db`] uses only the domain, so the database could become its own crate (as
//! GitButler's `but-db`) and a change above it never reaches into it.

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    fn sources(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                out.extend(sources(&path));
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
        out
    }

    /// Every `crate::<module>` a file names, outside comments.
    fn crate_uses(text: &str) -> Vec<String> {
        let mut found = Vec::new();
        for line in text.lines().map(str::trim_start).filter(|l| !l.starts_with("//")) {
            let mut rest = line;
            while let Some(i) = rest.find("crate::") {
                let after = &rest[i + "crate::".len()..];
                let name: String = after.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                found.push(name);
                rest = after;
            }
        }
        found
    }

    fn src() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
    }

    #[test]
    fn the_domain_uses_nothing_above_it_and_the_database_only_the_domain() {
        // `crate::text` is the domain's own `text!` macro, which Rust places at the crate's root.
        for (layer, allowed) in [("domain", &["domain", "text"][..]), ("db", &["domain", "db", "text"][..])] {
            let files = sources(&src().join(layer));
            assert!(!files.is_empty(), "{layer} has files");
            for file in files {
                let text = std::fs::read_to_string(&file).unwrap();
                for used in crate_uses(&text) {
                    assert!(allowed.contains(&used.as_str()), "{} uses crate::{used}: {layer} may use only {allowed:?}", file.display());
                }
            }
        }
    }

    #[test]
    fn the_check_sees_a_use_from_above() {
        assert_eq!(crate_uses("use crate::sale::SaleState;\n// crate::counter in a comment\nlet x = crate::db::now();"), ["sale", "db"]);
    }

    #[test]
    fn no_file_of_the_core_grows_past_what_one_reads_in_one_go() {
        for file in sources(&src()) {
            let lines = std::fs::read_to_string(&file).unwrap().lines().count();
            assert!(lines <= 520, "{} has {lines} lines: split it along its seams", file.display());
        }
    }
}
