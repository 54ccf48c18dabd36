//! Waiting in tests for something the counter, the store or a tunnel does in the background:
//! the one helper every test uses instead of a polling loop of its own or a sleep.

use std::time::Duration;

/// Look at `f` every 20 ms until it gives a value, and return it; panics naming `what` when
/// `within` has passed without one.
pub async fn eventually<T>(within: Duration, what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = tokio::time::Instant::now() + within;
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(tokio::time::Instant::now() < deadline, "{what} did not happen within {within:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn it_returns_the_first_value_and_names_what_never_came() {
        let mut n = 0;
        assert_eq!(
            eventually(Duration::from_secs(1), "the third look", || {
                n += 1;
                (n == 3).then_some(n)
            })
            .await,
            3
        );
        let never = tokio::spawn(eventually(Duration::from_millis(50), "nothing", || None::<()>));
        let e = never.await.unwrap_err();
        assert!(e.is_panic());
        let text = e.into_panic().downcast::<String>().map(|s| *s).unwrap_or_default();
        assert!(text.contains("nothing did not happen"), "{text}");
    }
}
