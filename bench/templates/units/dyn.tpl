
pub fn export_all_$S(exporters: &[Box<dyn Exporter>], user: &User) -> Vec<(String, usize)> {
    exporters
        .iter()
        .map(|e| (e.name().to_string(), e.export(user)))
        .collect()
}
