
pub fn upload_device_$S(
    client: &GraphClient,
    user: &User,
    device: &Device,
) -> Result<usize, ConsentError> {
    parent_sharing_allowed(user)?;
    let line = format!("{}|{}|{}", device.model, device.app_version, device.ip);
    Ok(client.post(line.as_bytes()))
}

pub fn maybe_upload_$S(client: &GraphClient, user: &User) -> usize {
    match shares_with_parent(user) {
        true => client.post(user.phone.as_bytes()),
        false => 0,
    }
}
