"""The per-user rate limiter: what it counts, and how much it remembers."""

from __future__ import annotations

from bot.telegram.access import RateLimiter


def test_a_user_over_the_limit_waits_for_the_window() -> None:
    now = [0.0]
    limiter = RateLimiter(limit=2, window=10, clock=lambda: now[0])
    assert limiter.acquire(1) == 0 and limiter.acquire(1) == 0
    assert limiter.acquire(1) == 10
    now[0] = 10.0
    assert limiter.acquire(1) == 0


def test_idle_users_are_forgotten_so_memory_stays_bounded() -> None:
    now = [0.0]
    limiter = RateLimiter(limit=10, window=1.0, clock=lambda: now[0])
    for user in range(300_000):  # each writes once, then is idle for good
        limiter.acquire(user)
        now[0] += 0.001
    # Those active within the last window (1,000 of them) and at most as many again.
    assert len(limiter._seen) <= 2_048


def test_forgetting_idle_users_never_forgets_a_limited_one() -> None:
    now = [0.0]
    limiter = RateLimiter(limit=1, window=100.0, clock=lambda: now[0])
    assert limiter.acquire(42) == 0
    for user in range(5_000):
        limiter.acquire(user + 100)
        now[0] += 0.001
    assert limiter.acquire(42) > 0
