//! A deterministic generator of synthetic messenger crates: labelled types, sinks, consent
//! checks and guards, traits with impls and `dyn` calls, closures and iterator chains,
//! `async fn`, threads, and chains of helpers calling helpers across modules.
//!
//! The crate is plausible Rust written from templates (`bench/templates`), so that it also
//! compiles against the real `sharelock` crate and a cold `cargo check` of the very same
//! source can be timed. Files have unequal sizes, as in real code: most modules hold a few
//! units, a few hold dozens.

use sharelock_checker::diagnostic::stable_hash;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Feature modules per folder (`src/features/gNNN/`).
const MODULES_PER_GROUP: usize = 40;

/// Files every generated crate shares: the domain model, the party clients, consent checks,
/// sanitizers, the async store and the traits features implement.
const CORE: [(&str, &str); 8] = [
    ("src/lib.rs", include_str!("../templates/core/lib.rs")),
    ("src/model.rs", include_str!("../templates/core/model.rs")),
    ("src/graph.rs", include_str!("../templates/core/graph.rs")),
    (
        "src/consent.rs",
        include_str!("../templates/core/consent.rs"),
    ),
    ("src/crypto.rs", include_str!("../templates/core/crypto.rs")),
    ("src/store.rs", include_str!("../templates/core/store.rs")),
    (
        "src/pipeline.rs",
        include_str!("../templates/core/pipeline.rs"),
    ),
    (
        "sharelock.toml",
        include_str!("../templates/core/sharelock.toml"),
    ),
];

const HEADER: &str = include_str!("../templates/units/header.tpl");
const HELPER: &str = include_str!("../templates/units/helper.tpl");

/// The units a feature module is built from, with their relative weights. `leak` is the one
/// real violation (a phone number sent without a consent check), so it stays rare.
const UNITS: [(&str, u64); 14] = [
    (include_str!("../templates/units/profile.tpl"), 8),
    (include_str!("../templates/units/sync.tpl"), 10),
    (include_str!("../templates/units/leak.tpl"), 2),
    (include_str!("../templates/units/async.tpl"), 7),
    (include_str!("../templates/units/dyn.tpl"), 6),
    (include_str!("../templates/units/chats.tpl"), 6),
    (include_str!("../templates/units/export.tpl"), 8),
    (include_str!("../templates/units/device.tpl"), 8),
    (include_str!("../templates/units/phase.tpl"), 10),
    (include_str!("../templates/units/normalizer.tpl"), 7),
    (include_str!("../templates/units/closures.tpl"), 7),
    (include_str!("../templates/units/thread.tpl"), 4),
    (include_str!("../templates/units/canonical.tpl"), 10),
    (include_str!("../templates/units/tests.tpl"), 3),
];

/// xorshift64*: small, fast and the same on every machine, which is all a corpus needs.
pub struct Xorshift(u64);

impl Xorshift {
    pub fn new(seed: u64) -> Xorshift {
        Xorshift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    pub fn percent(&mut self, p: u64) -> bool {
        self.below(100) < p
    }
}

/// Writes a synthetic crate of at least `target_lines` lines of Rust into `root`, depending on
/// the `sharelock` package at `sharelock_dir`. The same `(target_lines, seed)` gives the same
/// bytes; an existing crate from the same parameters is kept as it is. Returns `root`.
pub fn generate(
    root: &Path,
    target_lines: usize,
    seed: u64,
    sharelock_dir: &Path,
) -> io::Result<PathBuf> {
    let stamp = format!(
        "lines={target_lines} seed={seed} sharelock={} templates={}\n",
        sharelock_dir.display(),
        templates_hash()
    );
    let stamp_path = root.join(".sharelock-bench-stamp");
    if fs::read_to_string(&stamp_path).is_ok_and(|old| old == stamp) {
        return Ok(root.to_path_buf());
    }
    if root.exists() {
        fs::remove_dir_all(root)?;
    }
    let mut out = Writer {
        root: root.to_path_buf(),
        lines: 0,
    };
    let name = format!("messenger_synth_{target_lines}");
    out.write("Cargo.toml", &manifest(&name, sharelock_dir))?;
    for (path, text) in CORE {
        out.write(path, text)?;
    }

    let mut rng = Xorshift::new(seed ^ target_lines as u64);
    let mut modules = 0;
    while out.lines < target_lines {
        out.write(&module_file(modules), &feature_module(modules, &mut rng))?;
        modules += 1;
    }
    let groups = modules.div_ceil(MODULES_PER_GROUP);
    let mut features = String::from("//! Product features, one module each.\n\n");
    for group in 0..groups {
        writeln!(features, "pub mod g{group:03};").unwrap();
        let mut group_mod = String::new();
        let first = group * MODULES_PER_GROUP;
        for module in first..modules.min(first + MODULES_PER_GROUP) {
            writeln!(group_mod, "pub mod m{module:05};").unwrap();
        }
        out.write(&format!("src/features/g{group:03}/mod.rs"), &group_mod)?;
    }
    out.write("src/features/mod.rs", &features)?;
    fs::write(stamp_path, stamp)?;
    Ok(root.to_path_buf())
}

fn manifest(name: &str, sharelock_dir: &Path) -> String {
    format!(
        "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nsharelock = {{ path = \"{}\" }}\n\n\
         # Not a member of any enclosing workspace.\n[workspace]\n",
        sharelock_dir.display()
    )
}

fn module_file(module: usize) -> String {
    format!(
        "src/features/g{:03}/m{module:05}.rs",
        module / MODULES_PER_GROUP
    )
}

fn normalize_path(module: usize) -> String {
    format!(
        "crate::features::g{:03}::m{module:05}::normalize_{module:05}",
        module / MODULES_PER_GROUP
    )
}

/// A helper of a recent module (or the chain's first link): modules call back into the ones
/// written shortly before them, so call chains grow with the crate as they do in real code.
fn earlier_helper(module: usize, rng: &mut Xorshift) -> String {
    if module == 0 {
        return "crate::pipeline::trim_text".to_string();
    }
    let window = module.min(50) as u64;
    normalize_path(module - 1 - rng.below(window) as usize)
}

fn feature_module(module: usize, rng: &mut Xorshift) -> String {
    let m = format!("{module:05}");
    let mut text = HEADER.replace("$PREV", &earlier_helper(module, rng));
    text.push_str(&HELPER.replace("$M", &m));
    let units = if rng.percent(6) {
        25 + rng.below(40)
    } else {
        2 + rng.below(12)
    };
    let total_weight: u64 = UNITS.iter().map(|(_, w)| w).sum();
    for unit in 0..units {
        let mut pick = rng.below(total_weight);
        let template = UNITS
            .iter()
            .find(|(_, weight)| {
                let hit = pick < *weight;
                pick = pick.saturating_sub(*weight);
                hit
            })
            .map(|(template, _)| *template)
            .expect("the pick is below the total weight");
        let x1 = earlier_helper(module, rng);
        let x2 = earlier_helper(module, rng);
        text.push_str(
            &template
                .replace("$S", &format!("{m}_{unit}"))
                .replace("$M", &m)
                .replace("$X1", &x1)
                .replace("$X2", &x2),
        );
    }
    text
}

/// Changes whenever a template does, so a stale corpus is regenerated.
fn templates_hash() -> String {
    let texts: Vec<&str> = CORE
        .iter()
        .map(|(_, text)| *text)
        .chain([HEADER, HELPER])
        .chain(UNITS.iter().map(|(text, _)| *text))
        .collect();
    stable_hash(&texts)
}

struct Writer {
    root: PathBuf,
    lines: usize,
}

impl Writer {
    fn write(&mut self, relative: &str, text: &str) -> io::Result<()> {
        let path = self.root.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        if relative.ends_with(".rs") {
            self.lines += text.lines().count();
        }
        fs::write(path, text)
    }
}
