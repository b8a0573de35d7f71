pub mod parent;

pub(crate) use self::parent::Uplink;
use crate::User;

pub trait Channel {
    fn push(&self, text: &str);
}

pub struct Local;
impl Channel for Local {
    fn push(&self, text: &str) {}
}

pub fn relay(text: &str) {
    Uplink::forward(text);
}

pub fn qualified(user: &User, uplink: &Uplink, local: &Local) {
    <Uplink as Channel>::push(uplink, &user.phone); // VIOLATION (SL002): <T as Trait>::method
    Channel::push(uplink, &user.phone); // VIOLATION (SL002): Trait::method(&recv, x) on an Uplink
    Channel::push(local, &user.phone); // clean: the receiver is Local
}
