//! A minimal executor: the services are `async` like the real ones, and the demo drives
//! them to completion on the current thread without pulling in an async runtime.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// Polls `future` until it is ready. The in-process fakes never wait on anything, so
/// there is nothing to wake; a pending poll just yields and tries again.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        std::thread::yield_now();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn double(x: u32) -> u32 {
        x * 2
    }

    async fn add_doubles(a: u32, b: u32) -> u32 {
        double(a).await + double(b).await
    }

    #[test]
    fn runs_nested_async_fns_to_completion() {
        assert_eq!(block_on(add_doubles(2, 3)), 10);
    }
}
