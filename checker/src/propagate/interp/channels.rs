//! Channels. Within a function, `let (tx, rx) = mpsc::channel()` makes the two ends one
//! place (`record_channel`): what is sent through `tx` is what `rx` yields there, and what
//! the constructor is given (`watch::channel(init)`) is what both hold. A receiver made
//! from an end (`let rx = tx.subscribe()`) is another receiver of that channel. An end
//! that leaves that function (a sender kept in a struct field, a receiver handed to a
//! worker) meets the other end elsewhere, so what is sent through any sender is also kept in
//! the program's channel store, and a receiver not bound by the function reading it yields
//! what the store holds. The store is read as a static is (flow-insensitive, filled in one
//! pass and read in the next, see `propagate`), one per element type (`Sender<Event>`
//! meets `Receiver<Event>`) and one for sends of no type known: a receiver reads its
//! type's and that one, a receiver of no type known every one.

use super::{through_transparent, wrapped, Borrow, Interp};
use crate::ir::{Expr, Local, Name, Pat, Span, Type};
use crate::program::{is_channel_end, Def, FnId, Owner, Program, Resolved, TyKey, CHANNEL_ENDS};
use crate::propagate::domain::{self, Val};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// The static that stands for the channel store of element type `element` (`None`: of no
/// type known). Statics are function ids below the program's count; the stores' are at the
/// top of the range, by a hash of the type (two types of one hash share a store, which
/// only joins what they carry).
pub fn store_of(element: Option<&TyKey>) -> FnId {
    let hash = element.map_or(0, |ty| {
        let mut hasher = rustc_hash::FxHasher::default();
        ty.hash(&mut hasher);
        hasher.finish() as u32 | 1
    });
    FnId(STORES | hash)
}

/// Whether static `g` is a channel store (see `store_of`).
pub fn is_store(g: FnId) -> bool {
    g.0 & STORES != 0
}

/// The bit every channel store's id has: a program has far fewer functions than this.
const STORES: u32 = 1 << 31;

/// Channel crates whose ends are followed.
const CRATES: &[&str] = &[
    "std",
    "tokio",
    "crossbeam_channel",
    "crossbeam",
    "flume",
    "futures",
    "futures_channel",
    "async_channel",
    "async_std",
    "kanal",
];

/// Whether `ty` is a channel end of one of `CRATES` named `names` (a bare name where the
/// import did not resolve).
fn is_end(ty: &TyKey, names: &[&str]) -> bool {
    let TyKey::External(path) = ty else {
        return false;
    };
    let mut segments = path.split("::");
    let first = segments.next().unwrap_or_default();
    let last = path.rsplit("::").next().unwrap_or_default();
    names.contains(&last) && (!path.contains("::") || CRATES.contains(&first))
}

/// Methods that send their argument through a sender.
fn is_send(method: &str) -> bool {
    matches!(
        method,
        "send"
            | "try_send"
            | "send_timeout"
            | "blocking_send"
            | "send_async"
            | "send_blocking"
            | "unbounded_send"
            | "start_send"
            | "send_replace"
            | "force_send"
    )
}

/// Methods that make another receiver of an end's channel (a broadcast or watch sender's
/// `subscribe`, a broadcast receiver's `resubscribe`).
fn makes_receiver(method: &str) -> bool {
    matches!(method, "subscribe" | "resubscribe")
}

/// Methods that take what a channel holds out of its receiver.
pub fn is_receive(method: &str) -> bool {
    matches!(
        method,
        "recv"
            | "try_recv"
            | "recv_timeout"
            | "recv_deadline"
            | "blocking_recv"
            | "recv_async"
            | "try_iter"
    )
}

/// Whether function `f` may read a receiver it did not make, as far as its declarations and
/// its calls' names tell (for `relevance`): one of its parameters, or a field of its `Self`,
/// is a receiver, or it calls a receiving method.
pub fn may_receive(program: &Program, f: FnId, calls_receive: bool) -> bool {
    let info = &program.fns[f.index()];
    let receiver = |keys: &[TyKey]| keys.iter().any(|ty| is_end(ty, CHANNEL_ENDS[1]));
    calls_receive
        || info.signature.params.iter().any(|keys| receiver(keys))
        || match info.owner {
            Owner::Impl(imp) => match program.impls[imp.index()].self_ty {
                Some(TyKey::Adt(adt)) => {
                    (program.adts[adt.index()].fields.values()).any(|field| receiver(&field.keys))
                }
                _ => false,
            },
            _ => false,
        }
}

/// The types a channel end carries (`String` of a `Sender<String>`), or a sent value is of.
fn elements(value: &Val) -> Vec<&TyKey> {
    (value.tys.iter())
        .filter(|ty| !matches!(ty, TyKey::External(path) if is_channel_end(path)))
        .collect()
}

impl<'a> Interp<'_, 'a> {
    /// A channel's two ends are one place: `let (tx, rx) = mpsc::channel()` makes what is
    /// sent through `tx` (a write into it, `send`) what `rx` holds (`recv`, iteration), a
    /// sender cloned from a channel's sender (`let tx2 = tx.clone()`) is that sender again,
    /// and a receiver made from an end (`let rx2 = tx.subscribe()`) is one more place every
    /// sender of its channel writes into. With no receiver bound (`let (tx, _) =
    /// broadcast::channel(16)`) the sender is the channel's place.
    /// Returns whether the binding was one of those.
    pub(super) fn record_channel(&mut self, pat: &Pat, init: &Expr) -> bool {
        match (pat, init) {
            (Pat::Tuple(None, ends), Expr::Call { callee, .. }) => {
                let Some((sender, receiver)) = channel_pair(ends) else {
                    return false;
                };
                let Expr::Path(path, _) = &**callee else {
                    return false;
                };
                let mut constructor = path
                    .segments
                    .last()
                    .is_some_and(|name| is_channel_constructor(name));
                // A local function of that name is analysed as written; a renamed import
                // (`use std::sync::mpsc::channel as chan;`) is the constructor it names.
                let krate = match self.resolve(path) {
                    Resolved::Def(Def::Fn(_)) => return false,
                    Resolved::External(paths) => {
                        constructor |= (paths.iter())
                            .any(|p| p.rsplit("::").next().is_some_and(is_channel_constructor));
                        (paths.first())
                            .and_then(|p| p.split_once("::"))
                            .map(|(krate, _)| Name::from(krate))
                    }
                    _ => None,
                };
                if !constructor {
                    return false;
                }
                let place = receiver.unwrap_or(sender);
                self.aliases
                    .insert(sender, vec![Borrow::whole(place, Vec::new())]);
                self.senders.insert(sender, krate);
                true
            }
            (Pat::Bind(receiver, _), Expr::MethodCall(call)) if makes_receiver(&call.method) => {
                let Expr::Local(end, _) = &call.receiver else {
                    return false;
                };
                if self.channel_end(&call.receiver).is_none() {
                    return false;
                }
                // The places of the end's channel: a sender's receivers, or the receiver.
                let places: Vec<Local> = match self.senders.contains_key(end) {
                    true => (self.aliases.get(end).into_iter().flatten())
                        .map(|b| b.target)
                        .collect(),
                    false => vec![*end],
                };
                for (sender, borrows) in self.aliases.iter_mut() {
                    let targets = || borrows.iter().map(|b| b.target);
                    if self.senders.contains_key(sender)
                        && targets().any(|t| places.contains(&t))
                        && !targets().any(|t| t == *receiver)
                    {
                        borrows.push(Borrow::whole(*receiver, Vec::new()));
                    }
                }
                true
            }
            (Pat::Bind(copy, _), Expr::MethodCall(_) | Expr::Local(..) | Expr::Call { .. }) => {
                let original = match init {
                    Expr::MethodCall(call) if &*call.method == "clone" => &call.receiver,
                    Expr::Local(..) => init,
                    Expr::Call { .. } => match wrapped(init) {
                        Some(inner) => inner,
                        None => return false,
                    },
                    _ => return false,
                };
                let Expr::Local(original, _) = original else {
                    return false;
                };
                let (Some(krate), Some(alias)) = (
                    self.senders.get(original).cloned(),
                    self.aliases.get(original).cloned(),
                ) else {
                    return false;
                };
                self.aliases.insert(*copy, alias);
                self.senders.insert(*copy, krate);
                true
            }
            _ => false,
        }
    }

    /// The ends of a new channel (`let (tx, rx) = mpsc::channel::<&User>()`) hold nothing
    /// yet, whatever type the turbofish names: what is sent is what the receiver gives,
    /// consent marks included.
    pub(super) fn empty_channel(&mut self, pat: &Pat) {
        let Pat::Tuple(None, ends) = pat else {
            return;
        };
        let Some((sender, receiver)) = channel_pair(ends) else {
            return;
        };
        if !self.senders.contains_key(&sender) {
            return;
        }
        for end in [Some(sender), receiver].into_iter().flatten() {
            if let Some(value) = self.state.locals.get_mut(end.0 as usize) {
                if value.facts.is_empty() && value.fields.is_empty() {
                    value.is_none = true;
                }
            }
        }
    }

    /// What a channel constructor of one of `CRATES` (`paths`, resolved) given `values`
    /// returns: a pair of ends that each hold what it is given, fields kept (the initial
    /// value of `watch::channel(user)`; a capacity holds nothing), of the type its turbofish
    /// names (`oneshot::channel::<u64>()`: what the channel carries, see `received`).
    pub(super) fn constructed(
        &mut self,
        paths: &[String],
        values: &[Val],
        turbofish: &[Type],
    ) -> Option<Val> {
        let constructor = paths.iter().any(|path| {
            let (krate, item) = (path.split("::").next(), path.rsplit("::").next());
            path.contains("::")
                && krate.is_some_and(|k| CRATES.contains(&k))
                && item.is_some_and(is_channel_constructor)
        });
        if !constructor {
            return None;
        }
        let mut held = Val::default();
        for value in values {
            self.hand_out(value);
            held.join(value);
        }
        for ty in turbofish {
            self.declare(&mut held, ty);
        }
        let mut pair = Val::default();
        for end in ["0", "1"] {
            pair.fields.insert(Name::from(end), held.clone());
        }
        Some(pair)
    }

    /// A local bound to an end of a channel (see `record_channel`): its methods are the
    /// channel's, not those of local types that share their names. Returns the crate of the
    /// channel's constructor, where it resolved.
    pub(super) fn channel_end(&self, expr: &Expr) -> Option<Option<&Name>> {
        let Expr::Local(local, _) = expr else {
            return None;
        };
        if let Some(krate) = self.senders.get(local) {
            return Some(krate.as_ref());
        }
        (self.senders.iter())
            .find(|(s, _)| self.sends_to(s, *local))
            .map(|(_, krate)| krate.as_ref())
    }

    /// Whether the sender bound to `sender` here sends to the receiver bound to `receiver`.
    fn sends_to(&self, sender: &Local, receiver: Local) -> bool {
        (self.aliases.get(sender)).is_some_and(|bs| bs.iter().any(|b| b.target == receiver))
    }

    /// A send through a channel whose receiver may be elsewhere: a sender of a declared
    /// channel type, or one bound here (its receiver may have left). What is sent goes into
    /// the store of the channel's element type (the sent value's where the sender's is not
    /// known).
    pub(super) fn sent(
        &mut self,
        sender: &Expr,
        recv: &Val,
        method: &str,
        values: &[Val],
        span: Span,
    ) {
        let Some(value) = values.first().filter(|_| is_send(method)) else {
            return;
        };
        let local = self.channel_end(sender).is_some();
        if !local && !recv.tys.iter().any(|ty| is_end(ty, CHANNEL_ENDS[0])) {
            return;
        }
        // A sender of a declared type says what the channel carries; one bound here holds
        // what was sent through it, so the value sent says it.
        let (declared, sent) = (elements(recv), elements(value));
        // Sent through a channel made here: only where its receiver leaves can another
        // function receive it (`rx` returned, handed on, kept in a struct).
        if local && !self.receiver_escapes(sender) {
            return;
        }
        let keys = match (local, declared.is_empty()) {
            (false, false) => declared,
            _ if !sent.is_empty() => sent,
            _ => declared,
        };
        let stores: Vec<FnId> = match keys.is_empty() {
            true => vec![store_of(None)],
            false => keys.into_iter().map(|key| store_of(Some(key))).collect(),
        };
        let note: Arc<str> = Arc::from("sent through a channel");
        let mut value = value.clone();
        value.map_facts(&mut |fact| fact.trace = domain::push(&fact.trace, span, note.clone()));
        for store in stores {
            self.store(store, value.clone());
        }
    }

    /// Whether a receiver of the channel whose sender `sender` is, bound here, leaves this
    /// function: used otherwise than by its methods, a `for` loop, `.await` or `drop`, or
    /// made from an end of the channel where it leaves (`spawn(listen(tx.subscribe()))`).
    fn receiver_escapes(&self, sender: &Expr) -> bool {
        let Expr::Local(sender, _) = sender else {
            return true;
        };
        let receivers: Vec<Local> = (self.aliases.get(sender).into_iter().flatten())
            .map(|b| b.target)
            .collect();
        let mut ends: Vec<Local> = (self.senders.keys())
            .filter(|s| receivers.iter().any(|r| self.sends_to(s, *r)))
            .copied()
            .collect();
        ends.extend(&receivers);
        self.escapes_here(&receivers) || self.subscribed_away(&ends)
    }

    /// Whether one of `ends`, locals of this function, is used otherwise than by its
    /// methods (`tx.send(..)`, `tx.clone()`), a `for` loop, `.await` (of a oneshot receiver,
    /// in a `select!` branch too) or `drop`.
    fn escapes_here(&self, ends: &[Local]) -> bool {
        let body = self.program.fns[self.id.index()].ir.body.as_ref();
        let (Some(body), false) = (body, ends.is_empty()) else {
            return false;
        };
        let is_end = |e: &Expr| matches!(e, Expr::Local(l, _) if ends.contains(l));
        let (mut uses, mut kept) = (0, 0);
        body.value.walk(&mut |e| match e {
            _ if is_end(e) => uses += 1,
            Expr::MethodCall(call) if is_end(&call.receiver) => kept += 1,
            Expr::Await(inner) if is_end(inner.unlent()) => kept += 1,
            Expr::Loop {
                kind: crate::ir::LoopKind::For(for_),
                ..
            } if is_end(&for_.1) => kept += 1,
            Expr::Call { callee, args, .. }
                if args.len() == 1
                    && is_end(&args[0])
                    && matches!(&**callee, Expr::Path(p, _) if p.segments.last().is_some_and(|s| &**s == "drop")) =>
            {
                kept += 1
            }
            _ => {}
        });
        uses > kept
    }

    /// Whether a receiver made from one of `ends` (`tx.subscribe()`) leaves this function
    /// where it is made: one bound to a local is an end itself (see `record_channel`).
    fn subscribed_away(&self, ends: &[Local]) -> bool {
        let Some(body) = self.program.fns[self.id.index()].ir.body.as_ref() else {
            return false;
        };
        let made = |e: &Expr| {
            matches!(e, Expr::MethodCall(call) if makes_receiver(&call.method)
                && matches!(&call.receiver, Expr::Local(l, _) if ends.contains(l)))
        };
        let (mut receivers, mut bound) = (0, 0);
        body.value.walk(&mut |e| match e {
            Expr::Let(binding)
                if matches!(binding.pat, Pat::Bind(..))
                    && binding.init.as_ref().is_some_and(made) =>
            {
                bound += 1
            }
            _ if made(e) => receivers += 1,
            _ => {}
        });
        receivers > bound
    }

    /// A receiver made from a channel's end (`tx.subscribe()`, `rx.resubscribe()`, see
    /// `makes_receiver`): it holds what the end holds, and is of the receiving type of the
    /// end's channel, so one made from an end not bound here reads the channel store of the
    /// end's element types (`self.tx.subscribe()` of a `broadcast::Sender<Event>`).
    pub(super) fn subscribed(&self, end: &Expr, recv: &Val, method: &str) -> Option<Val> {
        if !makes_receiver(method) {
            return None;
        }
        let declared =
            (recv.tys.iter()).any(|ty| is_end(ty, CHANNEL_ENDS[0]) || is_end(ty, CHANNEL_ENDS[1]));
        if !declared && self.channel_end(end).is_none() {
            return None;
        }
        let mut value = recv.clone();
        value.cond = None;
        for ty in value.tys.iter_mut() {
            if let (true, TyKey::External(path)) = (is_end(ty, CHANNEL_ENDS[0]), &*ty) {
                let receiver = match path.rsplit_once("::") {
                    Some((module, _)) => format!("{module}::Receiver"),
                    None => "Receiver".to_string(),
                };
                *ty = TyKey::External(Name::from(receiver));
            }
        }
        value.tys.sort();
        value.tys.dedup();
        Some(value)
    }

    /// Whether the receiver bound to `local` here has a sender that leaves this function
    /// (kept in a struct, returned, handed to a function other than `drop`): used
    /// otherwise than by its methods (`tx.send(..)`, `tx.clone()`).
    fn sender_escapes(&self, local: Local) -> bool {
        let senders: Vec<Local> = (self.senders.keys())
            .filter(|s| self.sends_to(s, local))
            .copied()
            .collect();
        self.escapes_here(&senders)
    }

    /// What a receiver not bound here (`for event in rx`, `self.rx.recv()`) yields besides
    /// its own value: what the channel store holds for its element type.
    pub(super) fn received(&mut self, receiver: &Expr, value: &mut Val, span: Span) {
        // Only a receiver itself, where it is kept: what an adapter over it made
        // (`rx.iter().filter(..)`) was read from it already, value guards included.
        let here = match through_transparent(receiver) {
            Expr::Local(local, _) => self.channel_end(receiver).map(|_| *local),
            Expr::Field { .. } => None,
            _ => return,
        };
        let read = match here {
            // A receiver bound here whose sender left: what is sent elsewhere comes too.
            Some(local) => self.sender_escapes(local),
            None => value.tys.iter().any(|ty| is_end(ty, CHANNEL_ENDS[1])),
        };
        if !read {
            return;
        }
        self.reads_statics = true;
        let keys: Vec<FnId> = elements(value)
            .into_iter()
            .map(|key| store_of(Some(key)))
            .collect();
        let reads =
            |g: FnId| is_store(g) && (keys.is_empty() || g == store_of(None) || keys.contains(&g));
        let stores: Vec<Val> = (self.summaries.escaped.statics.iter())
            .filter(|(g, _)| reads(*g))
            .map(|(_, stored)| stored.clone())
            .collect();
        for stored in stores {
            let read = self.read_stored(stored, span, "received from a channel");
            value.join(&read);
        }
    }
}

/// The sender and the receiver (`None` for `_`) a `let (tx, rx)` of a channel binds.
fn channel_pair(ends: &[Pat]) -> Option<(Local, Option<Local>)> {
    match ends {
        [Pat::Bind(sender, _), Pat::Bind(receiver, _)] => Some((*sender, Some(*receiver))),
        [Pat::Bind(sender, _), Pat::Wild] => Some((*sender, None)),
        _ => None,
    }
}

/// Functions of channel crates (std, tokio, crossbeam, flume, futures, async-channel) that
/// return a `(sender, receiver)` pair.
fn is_channel_constructor(name: &str) -> bool {
    matches!(
        name,
        "channel" | "sync_channel" | "unbounded_channel" | "unbounded" | "bounded"
    )
}
