"""Small pieces of the channel connectors, without a server."""

from bot.channels.seen import SeenIds
from bot.channels.telegram import MAX_CALLBACK_BYTES, callback_data
from bot.channels.webchat import frame_ancestors


def test_a_redelivered_id_is_seen_and_old_ids_are_forgotten():
    seen = SeenIds(size=2)
    assert [seen.seen(x) for x in ("a", "a", "b", "c", "a")] == [False, True, False, False, False]
    assert seen.seen(None) is False and seen.seen(None) is False


def test_telegram_callback_data_fits_its_limit():
    assert callback_data({"title": "Both legs", "payload": "both legs"}) == "both legs"
    long = {"title": "None of these", "payload": "no swelling, no redness and no warmth at all, none whatsoever, truly"}
    assert len(callback_data(long).encode()) <= MAX_CALLBACK_BYTES
    assert callback_data(long) == "None of these"


def test_only_well_formed_origins_may_embed_the_page():
    value = frame_ancestors(["https://clinic.example.org", "javascript:alert(1)", "https://a.org; script-src *"])
    assert value == "'self' https://clinic.example.org"
