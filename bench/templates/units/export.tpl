
pub fn export_user_$S(archive: &mut ExportArchive, user: &User) {
    archive.add("opted_out_2016", user.opted_out_2016.to_string());
    archive.add("display_name", user.display_name.clone());
    let contacts = user.contacts.iter().map(|c| normalize_$M(c)).collect::<Vec<_>>().join(",");
    archive.add("contacts", contacts);
}
