
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase$S {
    Idle,
    Connecting,
    Online,
    Backoff(u32),
}

impl Phase$S {
    pub fn next(self, ok: bool) -> Phase$S {
        match (self, ok) {
            (Phase$S::Idle, _) => Phase$S::Connecting,
            (Phase$S::Connecting, true) => Phase$S::Online,
            (Phase$S::Connecting, false) => Phase$S::Backoff(1),
            (Phase$S::Online, true) => Phase$S::Online,
            (Phase$S::Online, false) => Phase$S::Backoff(1),
            (Phase$S::Backoff(n), true) if n > 3 => Phase$S::Idle,
            (Phase$S::Backoff(_), true) => Phase$S::Connecting,
            (Phase$S::Backoff(n), false) => Phase$S::Backoff((n * 2).min(64)),
        }
    }
}

pub fn parse_settings_$S(text: &str) -> HashMap<String, String> {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

pub fn backoff_schedule_$S(limit: u32) -> Vec<u32> {
    let mut phase = Phase$S::Idle;
    let mut out = Vec::new();
    for step in 0..limit {
        phase = phase.next(step % 3 == 0);
        if let Phase$S::Backoff(n) = phase {
            out.push(n);
        }
    }
    out
}
