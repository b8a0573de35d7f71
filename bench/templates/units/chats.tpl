
pub fn archive_chats_$S(
    host: &BusinessHost,
    key: &Key,
    messages: &[PersonalMessage],
    chat: &BusinessChat,
) -> bool {
    let sealed: Vec<Ciphertext> = messages.iter().map(|m| seal(m, key)).collect();
    let mut ok = true;
    for (i, ct) in sealed.iter().enumerate() {
        ok &= host.store(i as u64 + 1, &ct.0);
    }
    if chat.hosted_by_parent {
        let joined = chat.transcript.join("\n");
        ok &= host.store(chat.business_id, joined.as_bytes());
    }
    ok
}
