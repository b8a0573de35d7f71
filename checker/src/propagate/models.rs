//! Precise models of std, iterator, `Option`/`Result`, `String` and collection methods, in
//! one table. A method that resolves to no function of the checked code and is not here
//! follows the conservative rule: its result carries its receiver's and arguments' labels.

/// How a library method moves data.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Model {
    /// The result is the receiver, structure kept (`clone`, `iter`, `unwrap`, `collect`).
    Same,
    /// The receiver and the arguments, structure kept (`unwrap_or`, `chain`, `or`).
    SameAndArgs,
    /// A new value carrying the receiver and arguments folded (`to_string`, `join`).
    Fold,
    /// Size is not content (`len`, `is_empty`, `capacity`, `count`); comparisons likewise.
    Clean,
    /// Writes the arguments into the receiver (`push`, `insert`, `replace`) and returns
    /// what it held and was given: `insert` and `replace` return the old content, and on
    /// a receiver of unknown type (`client.send(x)`) the result carries both.
    Mutate,
    /// `Mutate` with a closure that makes what is written (`get_or_init(|| ..)`,
    /// `or_insert_with`, `resize_with`): the closure runs, on the receiver's element where
    /// it takes one. A closure given to a plain `Mutate` (`handlers.push(|u| ..)`) is stored
    /// and runs where it is called.
    MutateWith,
    /// Puts a key in the receiver and returns the receiver's content (`entry`): the key's
    /// labels are in the map from here on (`*counts.entry(word).or_insert(0) += 1`); a key
    /// that carries none (`user.id % 2 == 0`) changes nothing.
    Key,
    /// Exchanges the receiver's content with its argument's (`a.swap(&b)` of cells,
    /// `swap_with_slice`): each holds what the other held.
    Exchange,
    /// Puts its argument in place of the receiver's content and returns the old content
    /// (`opt.replace(v)`, `cell.replace(v)`).
    Replace,
    /// Empties the receiver (`clear`): what it held is gone.
    Clear,
    /// `scan(init, |state, x| ..)`: the closure gets the state and the element; its results
    /// are the items.
    Scan,
    /// Returns the receiver's content and leaves it empty (`Option::take`).
    Take,
    /// Calls its closure on the elements; the closure's result is the result (`map`).
    MapClosure,
    /// `filter_map`, `find_map`: as `MapClosure`, and what passes is consented where the
    /// closure's `Some` is a consent check's positive outcome (`shares(u).map(|_| ..)`).
    FilterMapClosure,
    /// Calls its closure on the elements and keeps the elements it accepts (`filter`).
    FilterClosure,
    /// Calls its closure on the elements and keeps them, none known to have passed it
    /// (`inspect`, and `skip_while`, which keeps those that fail it).
    InspectClosure,
    /// `retain`: filters the receiver in place.
    Retain,
    /// Calls its closure on the elements; returns nothing of them (`for_each`).
    EachClosure,
    /// Calls its closure on the elements; returns a boolean or index made of what the
    /// closure returns (`any`, `position`).
    PredicateClosure,
    /// `fold(init, |acc, x| ..)`: the accumulator and the closure's result.
    FoldClosure,
    /// `reduce(|acc, x| ..)`: as `FoldClosure`, the accumulator starting as the first
    /// element (rayon's `reduce(identity, ..)` is given elements too).
    ReduceClosure,
    /// The receiver, or the closure's result (`unwrap_or_else`, `or_else`, `map_err`); the
    /// closure is given the receiver's content (a `Result`'s error).
    SameOrClosure,
    /// `enumerate`: pairs of an index and the element.
    Enumerate,
    /// `split_at(i)`, `partition(|x| ..)`: two parts, each holding what the receiver held.
    Halves,
    /// `zip(other)`: pairs of the element and the other's element.
    Zip,
    /// `then(|| ..)`, `then_some(x)`: runs or keeps only when the receiver is true.
    Then,
    /// `reader.read_to_end(&mut buf)`: writes what the receiver holds into the buffer (the
    /// last argument); returns a count.
    ReadInto,
}

/// The model of a method called `name` with `args` arguments, if it is one we know.
pub fn method(name: &str, args: usize) -> Option<Model> {
    use Model::*;
    Some(match name {
        // A lock's guard is what the lock holds (`read`/`write` given a buffer are io's).
        _ if args == 0 && makes_guard(name) => Same,
        // `value.hash(&mut hasher)`, `text.clone_into(&mut buffer)`: into the argument.
        "hash" | "clone_into" if args == 1 => ReadInto,
        "clear" if args == 0 => Clear,
        "get_or_init" | "get_or_try_init" | "get_mut_or_init" | "or_insert_with_key" => MutateWith,
        "replace_with" | "update" if args == 1 => MutateWith,
        // Builders and writers filled through `&mut self` (`cmd.arg(..)`, `req.header(k, v)`,
        // `span.tag(k, v)`, `csv::Writer::serialize(record)`, `attrs.update(k, v)`): what
        // they are given is in them. (`engine.encode(x)` of base64 is a pure function.)
        "serialize" | "update" if args >= 1 => Mutate,
        _ if args >= 1 && returns_receiver(name) => Mutate,
        "resize_with" | "fill_with" => MutateWith,
        "fetch_update" if args == 3 => MutateWith,
        "scan" if args == 2 => Scan,
        "is_some_and" | "is_ok_and" | "is_none_or" | "is_err_and" => PredicateClosure,
        "read" | "read_to_end" | "read_to_string" | "read_exact" | "read_line" | "read_buf"
        | "read_until" | "read_vectored" | "read_buf_exact"
            if args >= 1 =>
        {
            ReadInto
        }
        "take" if args == 0 => Take,
        // anyhow's and eyre's error context: the value, its error given a message, which
        // carries what it was made of.
        "context" | "with_context" | "wrap_err" | "wrap_err_with" if args == 1 => SameAndArgs,
        // `a.clone_from(&b)` is `a = b.clone()`.
        "replace" | "clone_from" if args == 1 => Replace,
        "or_insert" | "get_or_insert" => Mutate,
        "or_insert_with" | "get_or_insert_with" => MutateWith,
        "max" | "min" | "clamp" if args >= 1 => SameAndArgs,
        "entry" if args == 1 => Key,
        "clone" | "cloned" | "copied" | "to_owned" | "to_vec" | "borrow" | "borrow_mut"
        | "as_ref" | "as_mut" | "as_deref" | "as_deref_mut" | "deref" | "deref_mut" | "iter"
        | "iter_mut" | "into_iter" | "par_iter" | "par_iter_mut" | "into_par_iter"
        | "par_bridge" | "by_ref" | "collect" | "unwrap" | "expect" | "unwrap_or_default"
        | "unwrap_unchecked" | "get" | "get_mut" | "first" | "last"
        | "front" | "back" | "front_mut" | "back_mut" | "first_key_value" | "last_key_value"
        | "pop_first" | "pop_last" | "get_key_value" | "range" | "range_mut" | "cycle"
        | "split_first" | "split_last" | "split_first_mut" | "split_last_mut" | "first_mut"
        | "last_mut" | "pop" | "pop_front" | "pop_back" | "remove" | "swap_remove" | "take"
        | "rev" | "skip" | "step_by" | "peekable" | "peek" | "fuse" | "windows" | "chunks"
        | "chunks_exact" | "as_slice" | "as_mut_slice" | "as_bytes" | "as_str" | "into_bytes"
        // `Rc::into_inner(rc)`, `Arc::try_unwrap(a)`, `Rc::unwrap_or_clone(rc)`: the value.
        | "into_inner" | "try_unwrap" | "unwrap_or_clone" | "into_boxed_slice" | "values"
        | "values_mut" | "keys" | "into_values"
        | "into_keys" | "entry" | "or_default" | "flatten" | "trim" | "trim_start" | "trim_end"
        | "try_iter" | "into" | "try_into" | "ok" | "err" | "unwrap_err" | "expect_err"
        | "next" | "next_back" | "nth" | "last_mut_or" | "drain" | "split_off"
        | "to_ascii_lowercase" | "to_ascii_uppercase" | "as_path" | "as_os_str" | "into_owned"
        | "iter_rev" | "sorted" | "dedup" | "unique" | "max" | "min"
        | "as_mut_ptr" | "as_ptr" | "downcast" | "downcast_ref" | "upgrade" | "downgrade"
        | "wait" | "recv" | "try_recv" | "join_handle" | "unzip" | "boxed" | "boxed_local"
        | "instrument" | "in_current_span" => Same,
        "unwrap_or" | "or" | "chain" | "xor" | "and" | "ok_or" => SameAndArgs,
        // The comparator or key closure sees the elements; one of them is the result.
        "max_by_key" | "min_by_key" | "max_by" | "min_by" => InspectClosure,
        "to_string" | "to_lowercase" | "to_uppercase" | "join" | "concat" | "repeat"
        | "replace" | "replacen" | "split" | "split_whitespace" | "lines" | "chars" | "bytes"
        | "char_indices" | "encode_utf16" | "format" | "to_le_bytes" | "to_be_bytes"
        | "to_ne_bytes" | "hash" | "digest" | "encode" | "serialize" | "to_json" | "as_string"
        | "display" | "to_str" | "to_string_lossy" | "parse" | "from_utf8" | "splitn"
        | "rsplit" | "strip_prefix" | "strip_suffix" | "get_unchecked" | "slice" | "substring"
        // A new value made of every element, of the type the caller asks for (a local
        // `impl Sum<&User> for Tally`): its fields are not the elements'.
        | "sum" | "product" => {
            Fold
        }
        "len" | "is_empty" | "capacity" | "count" | "is_none" | "is_err" | "is_finished"
        | "type_id" | "size_hint" => Clean,
        "is_ok" | "is_some" => Clean,
        "push"
        | "push_str"
        | "push_back"
        | "push_front"
        | "insert"
        | "extend"
        | "par_extend"
        | "extend_from_slice"
        | "append"
        | "write_all"
        | "write_str"
        | "write_fmt"
        | "write_char"
        | "set"
        | "send"
        | "try_send"
        | "send_timeout"
        | "send_blocking"
        | "send_async"
        | "blocking_send"
        | "send_replace"
        | "unbounded_send"
        | "start_send"
        | "feed"
        | "add"
        | "put"
        | "store"
        // Atomics' read-modify-writes (`total.fetch_add(amount, order)`).
        | "fetch_add"
        | "fetch_sub"
        | "fetch_max"
        | "fetch_min"
        | "fetch_or"
        | "fetch_and"
        | "fetch_xor"
        | "fetch_nand"
        | "compare_exchange"
        | "compare_exchange_weak"
        | "compare_and_swap"
        | "resize"
        | "fill"
        | "prepend"
        | "insert_str"
        | "splice"
        | "extend_from_within"
        | "replace_range"
        | "try_insert"
        | "push_within_capacity"
        | "insert_entry"
        | "copy_from_slice"
        | "clone_from_slice" => Mutate,
        "write" => Mutate,
        "swap" | "swap_with_slice" if args == 1 => Exchange,
        "swap" => Mutate,
        "with" | "with_borrow" | "with_borrow_mut" if args == 1 => MapClosure,
        "filter_map" | "find_map" | "find_map_any" | "find_map_first" => FilterMapClosure,
        "map" | "and_then" | "flat_map" | "map_or" | "map_or_else" | "map_while" | "then_with"
        | "try_map" | "map_ok" | "try_for_each" => MapClosure,
        "filter" | "find" | "take_while" | "filter_ok" | "find_last" | "rfind" | "next_if"
        // rayon's.
        | "find_any" | "find_first" => {
            FilterClosure
        }
        "skip_while" | "inspect" | "inspect_err" | "and_modify" => InspectClosure,
        "retain" | "retain_mut" => Retain,
        "for_each"
        | "sort_by"
        | "sort_by_key"
        | "sort_unstable_by"
        | "sort_unstable_by_key"
        | "dedup_by"
        | "dedup_by_key"
        | "par_for_each" => EachClosure,
        "any"
        | "all"
        | "position"
        | "rposition"
        | "partition_point"
        | "binary_search_by"
        | "binary_search_by_key" => PredicateClosure,
        "fold" | "try_fold" | "rfold" => FoldClosure,
        "reduce" | "try_reduce" | "reduce_with" | "try_reduce_with" => ReduceClosure,
        "unwrap_or_else" | "or_else" | "get_or_else" | "ok_or_else" | "map_err" => SameOrClosure,
        "enumerate" => Enumerate,
        "split_at" | "split_at_mut" | "partition" => Halves,
        "zip" => Zip,
        "then" | "then_some" => Then,
        "sort" | "sort_unstable" | "reverse" | "clear" | "truncate" | "shrink_to_fit"
        | "reserve" | "flush" | "drop" => Clean,
        // Builders and buffers of other crates filled by setters (`buf.put_slice(..)`,
        // `req.set_body(..)`, `form.append_pair(..)`, `queue.enqueue(..)`).
        "enqueue" | "merge" | "record" | "serialize_field" | "serialize_entry" if args >= 1 => {
            Mutate
        }
        _ if args >= 1
            && [
                "put_", "set_", "add_", "append_", "push_", "insert_", "extend_", "write_",
            ]
            .iter()
            .any(|prefix| name.starts_with(prefix)) =>
        {
            Mutate
        }
        _ => return None,
    })
}

/// Methods of locks that make a guard of what the lock holds, whichever lock: a verb
/// (`lock`, `read`, `write`, `upgradable_read`) tried or blocking (`try_lock`,
/// `blocking_write`), of an owned or `Arc` lock (tokio's `lock_owned`, parking_lot's
/// `write_arc`), blocking (async-lock's `read_blocking`) or, tried, timed (`try_lock_for`).
pub fn makes_guard(name: &str) -> bool {
    let tried = name.strip_prefix("try_");
    let mut verb = tried
        .or_else(|| name.strip_prefix("blocking_"))
        .unwrap_or(name);
    // Only a try waits for a time: `BufRead::read_until` reads bytes.
    let kinds: &[&str] = match tried {
        Some(_) => &["_owned", "_arc", "_recursive", "_for", "_until"],
        None => &["_owned", "_arc", "_recursive", "_blocking"],
    };
    while let Some(rest) = kinds.iter().find_map(|kind| verb.strip_suffix(kind)) {
        verb = rest;
    }
    matches!(
        verb,
        "lock" | "read" | "write" | "upgradable_read" | "upgradeable_read"
    )
}

/// What a method called on a consent check's answer makes of that answer.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Answer {
    /// The check passed, from here on: a guard (`unwrap`, `expect`), as `?` is.
    Unwrap,
    /// The same answer (`clone`, `as_ref`, `ok`, `map_err`, `ok_or`, a future's `fuse`).
    Same,
    /// The same answer where `Ok(_)`/`Some(_)` is the positive outcome: the value inside
    /// is replaced or dropped (`map`, `and_then`, `filter`).
    Wrapped,
    /// The answer as a boolean (`is_ok`, `is_some`), or its negation (`is_err`, `is_none`).
    Test { negated: bool },
    /// A boolean answer as an `Option`, `Some` where it was `true` (`then_some`, `then`).
    Lift,
    /// A conversion (`into`): a boolean answer stays one, as `From::from` keeps it (a
    /// `bool` converts into itself; what else it converts into, a number or a wrapper, is
    /// read as no boolean).
    Convert,
    /// Failure taken for `false`: an `Ok(true)`-shaped answer becomes a boolean
    /// (`unwrap_or_default()`); any other shape proceeds on failure and is lost.
    OrFalse,
    /// As the method's model says (`unwrap_or(false)` keeps an `Ok(true)` answer; `or`
    /// and `or_else` answer as their receiver and their alternative joined).
    Model,
    /// No answer (`err`, `unwrap_err`, `iter`, `unwrap_or_default`).
    Lost,
}

/// What the method called `name` makes of a consent check's answer (see `Answer`).
pub fn answer(name: &str) -> Answer {
    match name {
        "unwrap" | "expect" | "unwrap_unchecked" => Answer::Unwrap,
        "clone" | "cloned" | "copied" | "to_owned" | "as_ref" | "as_mut" | "as_deref"
        | "borrow" | "ok" | "map_err" | "ok_or" | "ok_or_else" | "context" | "with_context"
        | "wrap_err" | "wrap_err_with" | "join" | "inspect_err"
        // Futures' adapters of an `async` check, awaited later.
        | "fuse" | "boxed" | "boxed_local" | "into_future" => Answer::Same,
        "map" | "and_then" | "filter" | "inspect" => Answer::Wrapped,
        "then_some" | "then" => Answer::Lift,
        "into" => Answer::Convert,
        "is_ok" | "is_some" | "is_some_and" | "is_ok_and" => Answer::Test { negated: false },
        "is_err" | "is_none" => Answer::Test { negated: true },
        // Their closures' answer (`us.iter().all(|u| check(u))`, see `Model::PredicateClosure`),
        // or the receiver's joined with the alternative's (`or_else(|_| ensure_cached(u))`).
        "unwrap_or" | "map_or" | "any" | "all" | "or" | "or_else" => Answer::Model,
        "unwrap_or_default" => Answer::OrFalse,
        _ => Answer::Lost,
    }
}

/// Methods that make an iterator of what their receiver holds (`iter`, `chars`, `windows`).
pub fn makes_iterator(name: &str) -> bool {
    matches!(
        name,
        "iter"
            | "iter_mut"
            | "into_iter"
            | "par_iter"
            | "par_iter_mut"
            | "into_par_iter"
            | "drain"
            | "chars"
            | "bytes"
            | "lines"
            | "split"
            | "split_whitespace"
            | "char_indices"
            | "keys"
            | "values"
            | "values_mut"
            | "into_keys"
            | "into_values"
            | "windows"
            | "chunks"
            | "chunks_exact"
            | "enumerate"
            | "zip"
            | "chain"
            | "rev"
            | "skip"
            | "step_by"
            | "peekable"
            | "flat_map"
            | "filter_map"
            | "skip_while"
            | "scan"
    )
}

/// `split` and its kin: of a `str` by a pattern, of a slice by a predicate closure.
pub fn splits(name: &str) -> bool {
    matches!(
        name,
        "split" | "splitn" | "rsplit" | "rsplitn" | "split_inclusive" | "split_terminator"
    )
}

/// Iterator adapters that keep iterating, some of them an `Option`'s methods too (`filter`,
/// `map`, `cloned`): whether a chain of them iterates is told by where it starts.
pub fn keeps_iterating(name: &str) -> bool {
    matches!(
        name,
        "filter" | "take_while" | "filter_ok" | "map" | "inspect" | "cloned" | "copied" | "take"
    )
}

/// Methods whose result is an element of their receiver (a `Vec`'s, an `Option`'s), not
/// the collection: its types are the element's.
pub fn yields_element(name: &str) -> bool {
    matches!(
        name,
        "first"
            | "last"
            | "front"
            | "back"
            | "first_key_value"
            | "last_key_value"
            | "pop_first"
            | "pop_last"
            | "first_mut"
            | "last_mut"
            | "get"
            | "get_mut"
            | "pop"
            | "pop_front"
            | "pop_back"
            | "remove"
            | "swap_remove"
            | "next"
            | "next_back"
            | "nth"
            | "peek"
    )
}

/// Builder methods of other crates that write their arguments into `&mut self` and return
/// it (`cmd.arg(..).arg(..)`): a write through their result is a write into the receiver.
pub fn returns_receiver(name: &str) -> bool {
    matches!(
        name,
        "arg" | "args" | "env" | "envs" | "header" | "tag" | "bind" | "attach"
    )
}

/// Methods that write their argument into their receiver (`csv_writer.serialize(record)`)
/// or, given a `&mut` serializer, their receiver into it (`user.serialize(&mut ser)`):
/// then they are `Fold`.
pub fn writes_into_lent(name: &str) -> bool {
    name == "serialize"
}

/// rayon's methods whose closure is given a state beside each element: `Some(false)` where
/// the state is given (`for_each_with(tx, |tx, x| ..)`), `Some(true)` where a closure makes
/// it (`for_each_init(|| tx.clone(), |tx, x| ..)`).
pub fn with_state(name: &str) -> Option<bool> {
    match name {
        "for_each_with" | "map_with" | "try_for_each_with" | "flat_map_with" => Some(false),
        "for_each_init" | "map_init" | "try_for_each_init" | "flat_map_init" => Some(true),
        _ => None,
    }
}

/// Methods that take the value out of an `Option`/`Result` (a `lock()`'s included): what
/// it holds, a collection too.
pub fn unwraps(name: &str) -> bool {
    matches!(
        name,
        "unwrap" | "expect" | "unwrap_or_default" | "unwrap_unchecked"
    )
}

/// Whether the method's closure runs only on `Ok(_)`/`Some(_)` (`map`, `and_then`), so
/// under the check whose answer it is called on (not `map_err`, `unwrap_or_else`).
pub fn on_success(name: &str) -> bool {
    matches!(
        name,
        "map" | "and_then" | "inspect" | "filter" | "is_some_and" | "is_ok_and" | "map_or"
    )
}

/// A conversion through `From` (`Some(false)`) or `TryFrom` (`Some(true)`): a method
/// `x.into()`, `x.try_into()`, or a call by path `From::from(x)`, `Into::into(x)`,
/// `TryFrom::try_from(x)`, `TryInto::try_into(x)` (`owner` is the path's segment before
/// the name, empty for a method). A local impl of the trait may be the one that runs.
pub fn conversion(owner: &str, name: &str, args: usize) -> Option<bool> {
    match (owner, name, args) {
        ("", "into", 0) | ("From", "from", 1) | ("Into", "into", 1) => Some(false),
        ("", "try_into", 0) | ("TryFrom", "try_from", 1) | ("TryInto", "try_into", 1) => Some(true),
        _ => None,
    }
}

/// A method called by path (`String::push_str(&mut s, x)`, `Write::write_str(&mut s, x)`,
/// `Option::unwrap(o)`): its model, the first of `args` arguments being the receiver. Only
/// where the owner is a type or trait (`fs::write(path, data)` is no `Vec::write`).
pub fn method_by_path(path: &str, args: usize) -> Option<Model> {
    let (owner, item) = owner_and_item(path);
    let typelike = owner.starts_with(|c: char| c.is_ascii_uppercase())
        || matches!(
            owner,
            "str"
                | "u8"
                | "u16"
                | "u32"
                | "u64"
                | "usize"
                | "i8"
                | "i16"
                | "i32"
                | "i64"
                | "isize"
                | "f32"
                | "f64"
                | "char"
                | "bool"
        );
    if !typelike || args == 0 {
        return None;
    }
    method(item, args - 1)
}

/// Methods whose result is the receiver's `Result` itself, sides apart as they were
/// (`r.clone()`, `r.as_ref()`); any other std method's result is no `Result` made by
/// `Ok`/`Err` (see `Val::split`).
pub fn keeps_result(method: &str) -> bool {
    matches!(
        method,
        "clone"
            | "cloned"
            | "copied"
            | "as_ref"
            | "as_mut"
            | "as_deref"
            | "as_deref_mut"
            | "by_ref"
            | "to_owned"
            | "inspect"
            | "inspect_err"
            // Results collected: into one `Result` they stay apart (see `Interp::eval`).
            | "collect"
    )
}

/// Calls by path (`Box::new(x)`, `String::from(x)`) that return their first argument.
pub fn is_identity_constructor(path: &str) -> bool {
    let mut segments = path.rsplit("::");
    let last = segments.next().unwrap_or("");
    let owner = segments.next().unwrap_or("");
    matches!(last, "Some" | "Ok" | "Err" | "identity" | "black_box")
        || (matches!(last, "Borrowed" | "Owned") && owner == "Cow")
        || (matches!(last, "once" | "repeat") && owner == "iter")
        || (matches!(last, "new" | "from" | "pin" | "new_cyclic")
            && matches!(
                owner,
                "Box"
                    | "Rc"
                    | "Arc"
                    | "Mutex"
                    | "RwLock"
                    | "RefCell"
                    | "Cell"
                    | "String"
                    | "Vec"
                    | "Cow"
                    | "Pin"
                    | "OnceCell"
                    | "OnceLock"
                    | "Some"
                    | "VecDeque"
                    | "PathBuf"
                    | "OsString"
                    | "BufReader"
                    | "BufWriter"
                    | "LineWriter"
                    | "Cursor"
            ))
        || matches!(
            (owner, last),
            ("From", "from")
                | ("Into", "into")
                | ("mem", "take")
                | ("mem", "replace")
                | ("ptr", "read")
                // Futures and streams of what they are given: a timeout around a future, a
                // task spawned with it, a stream of a collection's items.
                | ("time", "timeout")
                | ("tokio" | "task", "spawn" | "spawn_local")
                | ("executor" | "futures" | "futures_lite", "block_on")
                | ("future", "ready")
                | ("stream" | "tokio_stream" | "futures_lite", "iter")
        )
}

/// The owner and item of a call path (`std::collections::HashMap::new` → `HashMap`, `new`).
fn owner_and_item(path: &str) -> (&str, &str) {
    let mut segments = path.rsplit("::");
    let last = segments.next().unwrap_or("");
    (segments.next().unwrap_or(""), last)
}

/// A new std collection or string, which holds nothing yet (`Vec::new()`,
/// `HashMap::with_capacity_and_hasher(n, Default::default())`: size is not content).
pub fn is_new_collection(path: &str) -> bool {
    let (owner, item) = owner_and_item(path);
    (crate::program::is_collection(owner) || owner == "String")
        && matches!(
            item,
            "new"
                | "with_capacity"
                | "default"
                | "new_in"
                | "with_hasher"
                | "with_capacity_and_hasher"
        )
}

/// Constructors of cells that clones share (`Rc::new`, `Arc::new`) or that are written through
/// shared references (`RefCell::new`, `Mutex::new`).
pub fn is_shared_cell(path: &str) -> bool {
    let (owner, item) = owner_and_item(path);
    item == "new"
        && matches!(
            owner,
            "Rc" | "Arc" | "RefCell" | "Cell" | "Mutex" | "RwLock" | "OnceCell" | "OnceLock"
        )
}

/// Pointers whose clones share one value (`Rc`, `Arc`): what is written through a clone
/// is in every clone.
pub fn is_shared_owner(owner: &str) -> bool {
    matches!(owner, "Rc" | "Arc")
}

/// Web frameworks' wrappers of what a handler is given (axum's `State` and `Extension`,
/// actix's `Data`): `State(state)` binds the value they hold, whose place is the caller's.
pub fn is_extractor(name: &str) -> bool {
    matches!(name, "State" | "Extension" | "Data")
}

/// Iterator methods that take items from the back (`rev`, `rfind`): a local
/// `DoubleEndedIterator`'s `next_back` gives them.
pub fn from_back(method: &str) -> bool {
    matches!(
        method,
        "rev" | "rfind" | "rfold" | "try_rfold" | "rposition" | "nth_back" | "rfind_map"
    )
}

/// actix's `Data<T>`: an `Arc<T>` every handler given one shares.
pub fn is_shared_extractor(ty: &crate::ir::Type) -> bool {
    matches!(ty, crate::ir::Type::Path(path)
        if path.segments.last().is_some_and(|s| &**s == "Data") && path.generics.len() == 1)
}

/// `Default::default` by any path (`std::default::Default::default`), not a type's own.
pub fn is_default_call(segments: &[crate::ir::Name]) -> bool {
    matches!(segments, [.., owner, item] if &**owner == "Default" && &**item == "default")
}

/// Calls by path that make an empty value (`Vec::new()`, `String::new()`, `Default::default()`).
pub fn is_empty_constructor(path: &str) -> bool {
    let mut segments = path.rsplit("::");
    let last = segments.next().unwrap_or("");
    matches!(last, "new" | "default" | "with_capacity" | "now" | "empty")
        && !is_identity_constructor(path)
        && segments.next().is_some()
}

/// Calls by path that make a value of the type they are called on, given its parts
/// (`Builder::new("signup")`, `Client::with_timeout(t)`): not a module's function.
pub fn makes_owner(path: &str) -> bool {
    let (owner, item) = owner_and_item(path);
    owner.starts_with(|c: char| c.is_ascii_uppercase())
        && (item == "new" || item.starts_with("with_"))
}

/// Whether `method` is a provided method of a std trait `required_by` knows (`write_all`).
pub fn provides(method: &str) -> bool {
    ["Write", "Read", "Hasher"]
        .iter()
        .any(|t| !required_by(t, method).is_empty())
}

/// The required methods of another crate's trait that its provided method `method` calls:
/// `write_all` of `std::io::Write` calls `write`, `read_to_string` of `Read` calls `read`.
pub fn required_by(trait_path: &str, method: &str) -> &'static [&'static str] {
    let name = trait_path.rsplit("::").next().unwrap_or(trait_path);
    match (name, method) {
        ("Write", "write_all" | "write_fmt" | "write_all_vectored" | "write_vectored") => {
            &["write", "write_str"]
        }
        ("Write", "write_char") => &["write_str"],
        ("Read", "read_exact" | "read_to_end" | "read_to_string" | "read_vectored") => &["read"],
        ("Hasher", m) if m.starts_with("write_") => &["write"],
        _ => &[],
    }
}
