
#[derive(Debug, Clone, Default, sharelock::Data)]
pub struct Profile$S {
    pub id: u64,
    #[sharelock(category = "account.phone", consent(parent_company))]
    pub phone: String,
    #[sharelock(category = "account.contacts", consent(parent_company), allow(infra))]
    pub contacts: Vec<String>,
    pub nickname: String,
    pub status_line: String,
}

impl Profile$S {
    pub fn from_user(user: &User) -> Profile$S {
        Profile$S {
            id: user.id,
            phone: user.phone.clone(),
            contacts: user.contacts.iter().map(|c| normalize_$M(c)).collect(),
            nickname: user.display_name.to_lowercase(),
            status_line: format!("{} ({})", user.display_name, user.id),
        }
    }

    pub fn public_card(&self) -> String {
        format!("{}: {}", self.nickname, self.status_line)
    }

    pub fn contact_count(&self) -> usize {
        self.contacts.len()
    }
}

pub struct ProfileExporter$S {
    pub client: GraphClient,
}

impl Exporter for ProfileExporter$S {
    fn name(&self) -> &str {
        "profile-$S"
    }

    fn export(&self, user: &User) -> usize {
        let profile = Profile$S::from_user(user);
        if shares_with_parent(user) {
            self.client.post(profile.phone.as_bytes())
        } else {
            self.client.post(profile.public_card().as_bytes())
        }
    }
}
