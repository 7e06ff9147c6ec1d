"""The generated sounds and the player, headless (dummy audio driver), and the game without any audio device."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import numpy as np  # noqa: E402
import pygame  # noqa: E402
import pytest  # noqa: E402

from game.ui import sound as sound_module  # noqa: E402
from game.ui.sound import ONE_SHOTS, Sound, generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# name -> (shortest, longest) length in seconds
LENGTHS = {
    "click": (0.02, 0.04),
    "teletype": (0.5, 0.7),
    "stamp": (0.12, 0.18),
    "warning": (0.25, 0.45),
    "ambience": (3.9, 4.1),
    "alarm": (1.9, 2.1),
}
FULL_SCALE = 32767


@pytest.fixture
def player():
    s = Sound()
    assert s.available, "the dummy audio driver should give a working mixer"
    yield s
    s.close()


def _pcm(player: Sound, name: str) -> np.ndarray:
    """A sound's samples as the mixer holds them, always shaped (samples, channels)."""
    arr = pygame.sndarray.array(player._sounds[name])
    return arr.reshape(len(arr), -1)


def test_every_sound_is_made_in_the_mixers_format_and_length(player):
    rate, fmt, channels = pygame.mixer.get_init()
    assert fmt == -16
    assert set(player._sounds) == set(LENGTHS)
    for name, (lo, hi) in LENGTHS.items():
        snd = player._sounds[name]
        assert lo <= snd.get_length() <= hi, (name, snd.get_length())
        pcm = _pcm(player, name)
        assert pcm.dtype == np.int16
        assert pcm.shape[1] == channels
        assert abs(len(pcm) / rate - snd.get_length()) < 1e-3
        # what the mixer plays is exactly what was generated for its rate and channel count
        assert np.array_equal(pcm, generate(rate, channels)[name]), name


@pytest.mark.parametrize(("rate", "channels"), [(44100, 1), (48000, 2), (22050, 6)])
def test_generation_follows_the_rate_and_tiles_the_channels(rate, channels):
    sounds = generate(rate, channels)
    for name, (lo, hi) in LENGTHS.items():
        pcm = sounds[name]
        assert pcm.dtype == np.int16 and pcm.ndim == 2 and pcm.shape[1] == channels
        assert lo <= len(pcm) / rate <= hi, (name, len(pcm) / rate)
        assert all(np.array_equal(pcm[:, 0], pcm[:, c]) for c in range(channels))


def test_sounds_are_audible_and_never_clip(player):
    for name in LENGTHS:
        peak = int(np.abs(_pcm(player, name).astype(np.int32)).max())
        assert peak > 0.2 * FULL_SCALE, (name, peak)
        assert peak < FULL_SCALE, (name, peak)


def test_one_shots_and_the_alarm_start_and_end_at_silence(player):
    for name in (*ONE_SHOTS, "alarm"):
        mono = _pcm(player, name)[:, 0].astype(np.int32)
        assert abs(mono[0]) < 0.01 * FULL_SCALE and abs(mono[-1]) < 0.01 * FULL_SCALE, (name, mono[0], mono[-1])


def test_the_ambience_loop_has_no_click_at_the_seam(player):
    mono = _pcm(player, "ambience")[:, 0].astype(np.float64)
    steps = np.abs(np.diff(mono))
    seam = np.abs(np.diff(np.concatenate([mono[-4:], mono[:4]])))  # the last samples run into the first
    assert seam.max() <= np.percentile(steps, 99), (seam, np.percentile(steps, 99))
    # and it starts near zero, so starting the loop does not click either
    assert abs(mono[0]) <= np.percentile(steps, 99)


def test_the_loop_cut_crossfades_its_end_into_its_start():
    rng = np.random.default_rng(3)
    walk = np.cumsum(rng.standard_normal(14_000))  # a random walk: a plain cut would jump by ~sqrt(n)
    loop = sound_module._seamless_loop(walk, 10_000, 2_000, 1_000)
    assert len(loop) == 10_000
    largest_step = np.abs(np.diff(walk)).max()
    assert abs(loop[0] - loop[-1]) <= largest_step  # the seam is an ordinary step
    assert np.abs(np.diff(loop)).max() <= 2 * largest_step  # and the crossfade adds no jump of its own
    t = np.arange(14_000)
    tone = np.sin(2 * np.pi * 7 * t / 10_000 + 1.0)  # whole cycles in the loop: the crossfade leaves it intact
    tone_loop = sound_module._seamless_loop(tone, 10_000, 2_000, 1_000)
    assert abs(tone_loop[0]) < 0.01  # begins on a near-zero sample
    assert np.allclose(tone_loop, np.roll(tone, -np.argmin(np.abs(tone[10_000:11_000])))[:10_000])


def test_the_ambience_is_a_low_hum(player):
    rate = pygame.mixer.get_init()[0]
    mono = _pcm(player, "ambience")[:, 0].astype(np.float64)
    spectrum = np.abs(np.fft.rfft(mono)) ** 2  # power
    freqs = np.fft.rfftfreq(len(mono), 1.0 / rate)
    assert spectrum[freqs < 400].sum() > 0.8 * spectrum.sum()  # a hum, not a hiss
    assert 60 * 0.98 < freqs[np.argmax(spectrum)] < 60 * 1.02  # mains at 60 Hz (1962, Washington)


def test_generation_is_deterministic():
    first, again = generate(22050, 2), generate(22050, 2)
    assert all(np.array_equal(first[k], again[k]) for k in first)
    assert not np.array_equal(first["teletype"], generate(22050, 2, seed=7)["teletype"])


def test_volume_reaches_the_playing_loops_and_the_one_shots(player):
    player.ambience(True)
    player.alarm(True)
    assert player._ambience_channel.get_busy() and player._alarm_channel.get_busy()
    player.set_volume(0.4)
    assert player._ambience_channel.get_volume() == pytest.approx(0.4 * 0.25, abs=0.01)
    assert player._alarm_channel.get_volume() == pytest.approx(0.4 * 0.6, abs=0.01)
    for name in ONE_SHOTS:
        assert player._sounds[name].get_volume() == pytest.approx(0.4, abs=0.01)
    player.set_volume(3.0)  # clamped
    assert player._sounds["click"].get_volume() == pytest.approx(1.0, abs=0.01)
    assert player._alarm_channel.get_volume() == pytest.approx(0.6, abs=0.01)


def test_the_starting_volume_applies_before_any_change():
    s = Sound(volume=0.5)
    try:
        assert all(s._sounds[name].get_volume() == pytest.approx(0.5, abs=0.01) for name in ONE_SHOTS)
        assert s._ambience_channel.get_volume() == pytest.approx(0.5 * 0.25, abs=0.01)
    finally:
        s.close()


def test_mute_silences_everything_and_unmute_restores_it(player):
    player.ambience(True)
    player.alarm(True)
    player.set_muted(True)
    assert player._ambience_channel.get_volume() == 0.0
    assert player._alarm_channel.get_volume() == 0.0
    assert all(player._sounds[name].get_volume() == 0.0 for name in ONE_SHOTS)
    assert player._ambience_channel.get_busy(), "muted loops keep running so unmuting resumes them"
    player.set_muted(False)
    assert player._ambience_channel.get_volume() == pytest.approx(0.7 * 0.25, abs=0.01)
    assert player._alarm_channel.get_volume() == pytest.approx(0.7 * 0.6, abs=0.01)
    assert player._sounds["stamp"].get_volume() == pytest.approx(0.7, abs=0.01)


def test_a_player_made_muted_starts_its_loops_silent():
    s = Sound(volume=0.5, muted=True)
    try:
        s.ambience(True)
        assert s._ambience_channel.get_busy()
        assert s._ambience_channel.get_volume() == 0.0
    finally:
        s.close()


class _CountingChannel:
    """Wraps a pygame Channel (whose attributes cannot be patched) to count play() and fadeout() calls.

    The mixer fades in real time; a test ends a fade at once with ``stop()``, which SDL_mixer treats as the
    fade's end (it restores the volume from before the fade), so no test waits on the clock."""

    def __init__(self, channel: pygame.mixer.Channel) -> None:
        self.channel, self.plays, self.fadeouts = channel, 0, []

    def play(self, *args, **kwargs):
        self.plays += 1
        return self.channel.play(*args, **kwargs)

    def fadeout(self, ms: int) -> None:
        self.fadeouts.append(ms)
        self.channel.fadeout(ms)

    def __getattr__(self, name):
        return getattr(self.channel, name)


def test_alarm_is_idempotent_and_stops(player):
    counting = player._alarm_channel = _CountingChannel(player._alarm_channel)
    player.alarm(True)
    player.alarm(True)
    player.alarm(True)
    assert counting.plays == 1
    assert counting.get_sound() is player._sounds["alarm"]
    player.alarm(False)
    player.alarm(False)
    assert counting.fadeouts == [sound_module.ALARM_FADE_OUT_MS], "one fade-out, however often it is asked"
    counting.stop()  # the fade's end
    assert not counting.get_busy()
    player.alarm(True)
    assert counting.plays == 2 and counting.get_busy()


def test_a_volume_change_during_the_alarms_fade_out_holds_when_it_restarts(player):
    player.alarm(True)
    player.alarm(False)  # fading out; when the fade ends, SDL restores the volume from before it
    player.set_volume(0.2)
    player._alarm_channel.stop()  # the fade's end, as the mixer makes it
    assert not player._alarm_channel.get_busy()
    player.alarm(True)
    assert player._alarm_channel.get_volume() == pytest.approx(0.2 * 0.6, abs=0.01)


def test_ambience_plays_on_its_own_channel_and_stops(player):
    player.ambience(True)
    assert player._ambience_channel.get_sound() is player._sounds["ambience"]
    assert not player._alarm_channel.get_busy()
    counting = player._ambience_channel = _CountingChannel(player._ambience_channel)
    player.ambience(False)
    assert counting.fadeouts and counting.fadeouts[0] > 0, "the ambience fades out rather than cutting off"


def test_one_shots_never_take_the_loops_channels(player):
    for name in ONE_SHOTS:
        player.play(name)
    assert not player._ambience_channel.get_busy()
    assert not player._alarm_channel.get_busy()
    assert pygame.mixer.get_busy(), "the one-shots play on the other channels"


def test_muted_one_shots_do_not_play():
    s = Sound(muted=True)
    try:
        s.play("teletype")
        assert not pygame.mixer.get_busy()
    finally:
        s.close()


def test_an_unknown_sound_name_is_an_error(player):
    with pytest.raises(ValueError, match="klaxon"):
        player.play("klaxon")


def test_close_releases_the_mixer_and_later_calls_do_nothing():
    assert pygame.mixer.get_init() is None, "an earlier test left the mixer running"
    s = Sound()
    assert s.available
    s.close()
    assert not s.available
    assert pygame.mixer.get_init() is None
    _exercise(s)


def _exercise(s: Sound) -> None:
    """Every public method, in the order a game would use them."""
    s.set_volume(0.3)
    s.set_muted(True)
    s.set_muted(False)
    for name in ONE_SHOTS:
        s.play(name)
    s.ambience(True)
    s.alarm(True)
    s.alarm(True)
    s.alarm(False)
    s.ambience(False)
    s.close()
    s.close()


def _forbid(*args, **kwargs):
    raise AssertionError("a player without audio must not touch the mixer")


@pytest.mark.parametrize("failure", [pygame.error("ALSA: Couldn't open audio device"), RuntimeError("no driver")])
def test_without_an_audio_device_every_method_is_a_silent_no_op(monkeypatch, failure):
    def broken_init(*args, **kwargs):
        raise failure

    monkeypatch.setattr(pygame.mixer, "init", broken_init)
    s = Sound(volume=0.5)
    assert s.available is False
    for name in ("Sound", "Channel", "stop", "set_reserved", "set_num_channels"):
        monkeypatch.setattr(pygame.mixer, name, _forbid)
    _exercise(s)
    assert s.available is False
    assert pygame.mixer.get_init() is None


def test_a_mixer_reopened_in_another_format_turns_the_player_off(player):
    pygame.mixer.quit()
    pygame.mixer.init(frequency=44100)  # the sounds were made for 22050 Hz: they would play at double speed
    try:
        player.play("click")
        assert player.available is False
        assert not pygame.mixer.get_busy()
        _exercise(player)
        assert pygame.mixer.get_init() is not None, "the player must not close a mixer it no longer owns"
    finally:
        pygame.mixer.quit()


def _run(code: str, audio_driver: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, SDL_AUDIODRIVER=audio_driver, SDL_VIDEODRIVER="dummy", PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)


def test_a_missing_audio_driver_really_leaves_the_game_silent():
    code = (
        "from game.ui.sound import Sound\n"
        "s = Sound()\n"
        "assert s.available is False\n"
        "s.set_volume(0.2); s.set_muted(True); s.play('click'); s.ambience(True); s.alarm(True); s.close()\n"
        "print('silent ok')\n"
    )
    done = _run(code, "no-such-driver")
    assert done.returncode == 0, done.stderr
    assert "silent ok" in done.stdout


def test_the_mixer_quitting_underneath_turns_the_player_off():
    # in a child process: in pygame-ce 2.5.8, Sound.play() after mixer.quit() kills the process (SIGSEGV)
    code = (
        "import pygame\n"
        "from game.ui.sound import Sound\n"
        "s = Sound()\n"
        "assert s.available\n"
        "s.ambience(True)\n"
        "pygame.quit()  # the UI shutting pygame down before it closes the player\n"
        "s.play('teletype'); s.alarm(True); s.set_volume(0.1); s.set_muted(True); s.ambience(False); s.close()\n"
        "assert s.available is False\n"
        "print('quiet ok')\n"
    )
    done = _run(code, "dummy")
    assert done.returncode == 0, (done.returncode, done.stderr)
    assert "quiet ok" in done.stdout


def test_only_the_mixer_is_initialised():
    code = (
        "import pygame\n"
        "from game.ui.sound import Sound\n"
        "s = Sound()\n"
        "assert s.available\n"
        "print(pygame.display.get_init(), pygame.font.get_init(), pygame.joystick.get_init())\n"
        "s.close()\n"
    )
    done = _run(code, "dummy")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-3:] == ["False", "False", "False"]


def test_the_module_explains_why_sounds_are_generated():
    doc = sound_module.__doc__ or ""
    assert "generated" in doc.lower() or "synthesised" in doc.lower()
    assert "licen" in doc.lower() and "download" in doc.lower()
