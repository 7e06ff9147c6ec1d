"""Sound for the situation room: generated with numpy at start-up, silent when there is no audio device.

Every sound is synthesised from a fixed seed when the game starts (about 20 ms), so there are no
sound files to ship, no licences to track and nothing to download, and the sounds are the same on every
machine. The palette is small and quiet, a 1962 situation room that is calm until it is not: a UI tick,
a teletype burst, a rubber stamp, a two-tone warning, a distant mains hum and, from rung 7, a low klaxon.

Only the mixer is initialised (never ``pygame.init()``). When it cannot start (no sound card, no driver,
``SDL_AUDIODRIVER`` pointing nowhere) ``Sound.available`` is False and every method does nothing, so the
game runs the same without audio. Headless tests use ``SDL_AUDIODRIVER=dummy``.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pygame

SEED = 1962
ONE_SHOTS = ("click", "teletype", "stamp", "warning")
AMBIENCE_SECONDS = 4.0
ALARM_SECONDS = 2.0
AMBIENCE_SHARE = 0.25  # ambience plays at this fraction of the master volume
ALARM_SHARE = 0.6
AMBIENCE_CHANNEL = 0  # reserved channels: one-shots never take them
ALARM_CHANNEL = 1
ALARM_FADE_OUT_MS = 400
AMBIENCE_FADE_OUT_MS = 800

Float = np.ndarray  # 1-D float64 signal in [-1, 1]


# --- synthesis -----------------------------------------------------------------------------------------------


def _t(n: int, rate: int) -> Float:
    return np.arange(n) / rate


def _filter(x: Float, rate: int, low: float = 0.0, high: float = 0.0, order: int = 2) -> Float:
    """Zero-phase band-pass in the frequency domain (Butterworth-like magnitudes); 0 leaves that side open.

    The transform is zero-padded to a power of two: odd lengths can make numpy's FFT many times slower.
    """
    size = 1 << (len(x) - 1).bit_length()
    spectrum = np.fft.rfft(x, size)
    freqs = np.fft.rfftfreq(size, 1.0 / rate)
    gain = np.ones_like(freqs)
    if high:
        gain /= np.sqrt(1.0 + np.square(freqs / high) ** order)
    if low:
        ratio = np.square(freqs / low) ** order
        gain *= np.sqrt(ratio / (1.0 + ratio))
    return np.fft.irfft(spectrum * gain, size)[: len(x)]


def _fade(x: Float, rate: int, in_ms: float, out_ms: float) -> Float:
    """Raised-cosine fades at both ends, so a one-shot starts and stops at zero (no click)."""
    y = x.copy()
    n_in = min(len(y), max(2, int(rate * in_ms / 1000)))
    n_out = min(len(y), max(2, int(rate * out_ms / 1000)))
    y[:n_in] *= 0.5 - 0.5 * np.cos(np.linspace(0.0, np.pi, n_in))
    y[-n_out:] *= 0.5 + 0.5 * np.cos(np.linspace(0.0, np.pi, n_out))
    return y


def _normalise(x: Float, peak: float) -> Float:
    top = float(np.max(np.abs(x)))
    return x * (peak / top) if top > 0 else x


def _click(rate: int, rng: np.random.Generator) -> Float:
    """A soft UI tick: ~30 ms, a quickly damped 1.6 kHz ping over a breath of filtered noise."""
    n = int(0.030 * rate)
    t = _t(n, rate)
    ping = np.sin(2 * np.pi * 1600 * t) * np.exp(-t / 0.004)
    body = np.sin(2 * np.pi * 420 * t) * np.exp(-t / 0.006) * 0.5
    noise = _filter(rng.standard_normal(n), rate, high=3000) * np.exp(-t / 0.002) * 0.3
    return _normalise(_fade(ping + body + noise, rate, 0.5, 8), 0.35)


def _clack(rate: int, rng: np.random.Generator) -> Float:
    """One teletype type-bar strike: a noise transient rung through two small resonances and a low thud."""
    n = int(0.045 * rate)
    t = _t(n, rate)
    hit = rng.standard_normal(n) * np.exp(-t / 0.0012)
    f1 = rng.uniform(2100, 2600)
    f2 = rng.uniform(850, 1050)
    ring = (
        np.sin(2 * np.pi * f1 * t) * np.exp(-t / 0.005) * 0.6
        + np.sin(2 * np.pi * f2 * t) * np.exp(-t / 0.009) * 0.5
        + np.sin(2 * np.pi * 170 * t) * np.exp(-t / 0.007) * 0.4
    )
    return hit * 0.7 + ring


def _teletype(rate: int, rng: np.random.Generator) -> Float:
    """A ~0.6 s burst of mechanical clacks at random spacing, in short runs like characters on a line."""
    n = int(0.6 * rate)
    out = np.zeros(n + int(0.05 * rate))
    kinds = [_clack(rate, rng) for _ in range(4)]
    pos = 0.004
    while pos < 0.55:
        kind = kinds[int(rng.integers(len(kinds)))]
        start = int(pos * rate)
        out[start : start + len(kind)] += kind * rng.uniform(0.45, 1.0)
        # mostly quick strikes, now and then the pause of a space or a carriage hesitation
        pos += rng.uniform(0.018, 0.034) if rng.random() > 0.15 else rng.uniform(0.05, 0.08)
    out = _filter(out[:n], rate, low=120)
    return _normalise(_fade(out, rate, 0.5, 25), 0.6)


def _stamp(rate: int, rng: np.random.Generator) -> Float:
    """A rubber stamp: ~150 ms dull thump, low-passed noise over a falling low sine."""
    n = int(0.15 * rate)
    t = _t(n, rate)
    thud = _filter(rng.standard_normal(n), rate, high=450, order=3) * np.exp(-t / 0.022)
    freq = 55 + 45 * np.exp(-t / 0.03)  # 100 Hz falling to 55 Hz
    phase = 2 * np.pi * np.cumsum(freq) / rate
    sine = np.sin(phase) * np.exp(-t / 0.04)
    paper = _filter(rng.standard_normal(n), rate, high=2500) * np.exp(-t / 0.003) * 0.15
    out = _normalise(thud, 1.0) * 0.7 + sine + paper
    return _normalise(_fade(out, rate, 1, 20), 0.8)


def _tone(freq: float, seconds: float, rate: int) -> Float:
    """A soft electronic tone (fundamental plus a little second and third harmonic)."""
    t = _t(int(seconds * rate), rate)
    w = 2 * np.pi * freq * t
    return np.sin(w) + 0.25 * np.sin(2 * w) + 0.1 * np.sin(3 * w)


def _warning(rate: int) -> Float:
    """Two short descending tones (A5 then E5), ~0.34 s."""
    a = _fade(_tone(880, 0.13, rate), rate, 6, 30)
    b = _fade(_tone(659.25, 0.15, rate), rate, 6, 45)
    gap = np.zeros(int(0.06 * rate))
    return _normalise(np.concatenate([a, gap, b]), 0.5)


def _seamless_loop(raw: Float, n: int, xf: int, search: int) -> Float:
    """Cut an n-sample loop from ``raw`` (at least n + xf + search samples) whose end runs straight into its start.

    The xf samples that follow the cut are crossfaded into its head, so the loop's last sample is followed, as
    in ``raw``, by its neighbour. The cut is placed, within ``search`` samples, where the loop begins on its
    quietest sample, so starting playback does not click either.
    """
    cut = int(np.argmin(np.abs(raw[n : n + search])))  # loop[0] will be raw[cut + n]
    fade = 0.5 - 0.5 * np.cos(np.linspace(0.0, np.pi, xf))
    loop = raw[cut : cut + n].copy()
    loop[:xf] = raw[cut : cut + xf] * fade + raw[cut + n : cut + n + xf] * (1.0 - fade)
    return loop


def _ambience(rate: int, rng: np.random.Generator) -> Float:
    """~4 s seamless room tone: a distant 60 Hz mains hum with its harmonics, and faint air noise.

    Every hum component has a whole number of cycles in the loop (exact integer phase), so the hum repeats
    exactly and the crossfade leaves it untouched; it is computed over its short common period and tiled.
    """
    n = int(AMBIENCE_SECONDS * rate)
    xf = int(0.5 * rate)
    search = rate // 10
    total = n + xf + search
    hum_parts = [
        (max(1, round(f * n / rate)), a) for f, a in ((60, 1.0), (120, 0.55), (180, 0.35), (240, 0.18), (300, 0.08))
    ]
    period = n // math.gcd(n, *(cycles for cycles, _ in hum_parts))  # the hum repeats every `period` samples
    i = np.arange(period)
    one = sum(a * np.sin(2 * np.pi * ((cycles * i + int(rng.integers(n))) % n) / n) for cycles, a in hum_parts)
    hum = np.tile(one, -(-total // period))[:total]
    breathe = 1.0 + 0.12 * np.sin(2 * np.pi * np.arange(total) / n)  # one slow swell per loop
    air = _normalise(_filter(rng.standard_normal(total), rate, low=150, high=1200), 1.0) * 0.22
    return _normalise(_seamless_loop(hum * breathe + air, n, xf, search), 0.35)


def _alarm(rate: int) -> Float:
    """~2 s loop of a low two-tone klaxon (F#4 then D4), warm rather than shrill, silent at both ends."""

    def klaxon(freq: float, seconds: float) -> Float:
        t = _t(int(seconds * rate), rate)
        w = 2 * np.pi * freq * t
        buzz = np.sin(w) + 0.5 * np.sin(2 * w) + 0.3 * np.sin(3 * w) + 0.12 * np.sin(4 * w) + 0.06 * np.sin(5 * w)
        buzz = np.tanh(1.4 * buzz)  # a little horn-like saturation
        return _fade(_filter(buzz, rate, high=1400), rate, 40, 90)

    gap = np.zeros(int(0.1 * rate))
    body = np.concatenate([klaxon(370.0, 0.75), gap, klaxon(293.66, 0.75)])
    out = np.zeros(int(ALARM_SECONDS * rate))
    out[: len(body)] = body
    return _normalise(out, 0.6)


def generate(rate: int, channels: int, seed: int = SEED) -> dict[str, np.ndarray]:
    """All sounds as int16 arrays shaped (samples, channels) at the given rate; deterministic for a seed."""
    rng = np.random.default_rng(seed)
    mono = {
        "click": _click(rate, rng),
        "teletype": _teletype(rate, rng),
        "stamp": _stamp(rate, rng),
        "warning": _warning(rate),
        "ambience": _ambience(rate, rng),
        "alarm": _alarm(rate),
    }
    out = {}
    for name, signal in mono.items():
        pcm = np.clip(np.round(signal * 32767), -32767, 32767).astype(np.int16)
        out[name] = np.ascontiguousarray(np.repeat(pcm[:, None], max(1, channels), axis=1))
    return out


# --- player --------------------------------------------------------------------------------------------------


def _guarded(method: Callable[..., None]) -> Callable[..., None]:
    """No-op without audio. If the mixer was shut down or changed under us (say, by pygame.quit()), the player
    turns itself off first: pygame-ce crashes the process when a Sound is played after the mixer has quit."""

    def wrapper(self: Sound, *args: object) -> None:
        if not self.available:
            return
        if pygame.mixer.get_init() != self._format:
            self._disable()
            return
        try:
            method(self, *args)
        except pygame.error:
            self._disable()

    wrapper.__name__ = method.__name__
    wrapper.__doc__ = method.__doc__
    return wrapper


class Sound:
    """The game's sound player. Construct once; if ``available`` is False every method does nothing."""

    available: bool

    def __init__(self, volume: float = 0.7, muted: bool = False) -> None:
        self.available = False
        self._volume = min(1.0, max(0.0, float(volume)))
        self._muted = bool(muted)
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        self._ambience_on = False
        self._alarm_on = False
        self._owns_mixer = False
        self._format: tuple[int, int, int] | None = None
        try:
            self._owns_mixer = pygame.mixer.get_init() is None
            pygame.mixer.init(frequency=22050, size=-16, channels=2, buffer=1024)
            init = pygame.mixer.get_init()
            if not init or init[1] != -16:  # mixer.init never changes the sample format; refuse a foreign one
                raise pygame.error(f"unexpected mixer format {init}")
            self._format = init
            rate, _fmt, channels = init
            for name, pcm in generate(rate, channels).items():
                self._sounds[name] = pygame.mixer.Sound(buffer=pcm.tobytes())
            if pygame.mixer.get_num_channels() < 6:
                pygame.mixer.set_num_channels(8)
            pygame.mixer.set_reserved(2)
            self._ambience_channel = pygame.mixer.Channel(AMBIENCE_CHANNEL)
            self._alarm_channel = pygame.mixer.Channel(ALARM_CHANNEL)
            self.available = True
            self._apply_volume()
        except Exception:  # noqa: BLE001 - no audio device must never stop the game
            self._shutdown()

    def _level(self, share: float) -> float:
        return 0.0 if self._muted else self._volume * share

    def _apply_volume(self) -> None:
        for name in ONE_SHOTS:
            self._sounds[name].set_volume(self._level(1.0))
        self._ambience_channel.set_volume(self._level(AMBIENCE_SHARE))
        self._alarm_channel.set_volume(self._level(ALARM_SHARE))

    @_guarded
    def set_volume(self, volume: float) -> None:
        """Master volume, 0.0–1.0 (clamped); applies at once, to loops already playing too."""
        self._volume = min(1.0, max(0.0, float(volume)))
        self._apply_volume()

    @_guarded
    def set_muted(self, muted: bool) -> None:
        """Mute or unmute everything; loops keep running silently so unmuting resumes them."""
        self._muted = bool(muted)
        self._apply_volume()

    def play(self, name: str) -> None:
        """Play a one-shot: "click", "teletype", "stamp" or "warning" (another name is a ValueError)."""
        if name not in ONE_SHOTS:
            raise ValueError(f"unknown sound {name!r}; expected one of {ONE_SHOTS}")
        self._play(name)

    @_guarded
    def _play(self, name: str) -> None:
        if not self._muted:
            self._sounds[name].play()

    @_guarded
    def ambience(self, on: bool) -> None:
        """Start or stop the quiet room-tone loop on its own channel; repeating a state does nothing."""
        self._ambience_on = self._loop(
            self._ambience_channel, "ambience", AMBIENCE_SHARE, self._ambience_on, bool(on), AMBIENCE_FADE_OUT_MS
        )

    @_guarded
    def alarm(self, on: bool) -> None:
        """Start or stop the low alarm loop (rungs 7+) on its own channel; repeating a state does nothing."""
        self._alarm_on = self._loop(
            self._alarm_channel, "alarm", ALARM_SHARE, self._alarm_on, bool(on), ALARM_FADE_OUT_MS
        )

    def _loop(
        self, channel: pygame.mixer.Channel, name: str, share: float, playing: bool, on: bool, fade_out_ms: int
    ) -> bool:
        if on and not playing:
            channel.play(self._sounds[name], loops=-1)
            channel.set_volume(self._level(share))  # after play: a fade-out's end restores an older volume
        elif playing and not on:
            channel.fadeout(fade_out_ms)
        return on

    def close(self) -> None:
        """Stop everything and release the mixer if this player started it. Safe to call twice."""
        if self.available and pygame.mixer.get_init() == self._format:
            self._shutdown()
        self._disable()

    def _disable(self) -> None:
        self.available = False
        self._ambience_on = self._alarm_on = False
        self._sounds.clear()

    def _shutdown(self) -> None:
        self._disable()
        try:
            if pygame.mixer.get_init() is not None:
                pygame.mixer.stop()
                if self._owns_mixer:
                    pygame.mixer.quit()
        except Exception:  # noqa: BLE001, S110 - closing must not raise either
            pass
