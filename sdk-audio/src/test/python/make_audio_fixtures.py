#!/usr/bin/env python3
"""Generates the small audio fixtures of sdk-audio's tests, independently of Voxtok's own writer.

Writers used: Python's `wave` module (plain PCM), hand-packed RIFF bytes with `struct` (float, extensible,
odd chunks, RF64, truncation) and sox (extensible multichannel, float from int16, A-law, FLAC).
For every WAV fixture `<name>.wav` the expected float32 samples, computed with numpy
(int16 / 32768.0 etc., the torchaudio.load convention), are stored as raw little-endian float32 interleaved
`<name>.expected.f32`.

The FLAC fixtures `flacsig_*.flac` encode `flac_signal(...)` below, an integer-only formula the Java test
recomputes exactly (no floating point), so their reference needs no committed sample file.

Run from anywhere: /usr/bin/python3 sdk-audio/src/test/python/make_audio_fixtures.py
Needs numpy and the sox command line tool (with FLAC support).
"""
import os
import struct
import subprocess
import tempfile
import wave

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'resources', 'io', 'voxtok', 'audio')
GUID_TAIL = bytes([0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71])


def path(name):
    return os.path.join(OUT, name)


def save_expected(name, samples):
    """samples: float array (frames, channels) -> raw float32 LE interleaved."""
    np.asarray(samples, dtype='<f4').reshape(-1).tofile(path(name + '.expected.f32'))


def chunk(cid, body):
    pad = b'\x00' if len(body) % 2 else b''
    return cid + struct.pack('<I', len(body)) + body + pad


def riff(chunks):
    body = b'WAVE' + b''.join(chunks)
    return b'RIFF' + struct.pack('<I', len(body)) + body


def fmt_plain(tag, channels, rate, bits, cb=None):
    block = channels * bits // 8
    body = struct.pack('<HHIIHH', tag, channels, rate, rate * block, block, bits)
    if cb is not None:
        body += struct.pack('<H', cb)
    return chunk(b'fmt ', body)


def fmt_extensible(sub_tag, channels, rate, bits, valid_bits, mask):
    block = channels * bits // 8
    body = struct.pack('<HHIIHH', 0xFFFE, channels, rate, rate * block, block, bits)
    body += struct.pack('<HHI', 22, valid_bits, mask) + struct.pack('<H', sub_tag) + GUID_TAIL
    return chunk(b'fmt ', body)


def write_wave_module(name, ints, width, rate):
    """Plain PCM through Python's wave module; ints: (frames, channels)."""
    frames, channels = ints.shape
    if width == 1:
        raw = (ints + 128).astype('u1').tobytes()
    elif width == 3:
        v = ints.astype('<i4').reshape(-1)
        raw = b''.join(int(x).to_bytes(3, 'little', signed=True) for x in v)
    else:
        raw = ints.astype({2: '<i2', 4: '<i4'}[width]).tobytes()
    with wave.open(path(name + '.wav'), 'wb') as w:
        w.setnchannels(channels)
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(raw)


def s24_bytes(ints):
    return b''.join(int(x).to_bytes(3, 'little', signed=True) for x in ints.reshape(-1))


def sox(args):
    subprocess.run(['sox'] + args, check=True)


def flac_signal(frames, channels, bits, seed):
    """Integer test signal: a per-channel triangle wave at half scale plus 3-bit LCG noise (mirrored in Java)."""
    r = 1 << (bits - 2)
    state = seed
    out = np.empty((frames, channels), dtype=np.int64)
    for i in range(frames):
        for c in range(channels):
            state = (state * 1664525 + 1013904223) & 0xFFFFFFFF
            noise = (state >> 29) - 4
            period = 40 + 17 * c
            tri = abs((i % period) * 4 * r // period - 2 * r) - r
            out[i, c] = tri + noise
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.RandomState(20240611)

    # --- plain PCM via the wave module -------------------------------------------------------------------
    u8 = rng.randint(-128, 128, size=(160, 1))
    u8[:3, 0] = [-128, 0, 127]
    write_wave_module('pcm_u8_mono_8000', u8, 1, 8000)
    save_expected('pcm_u8_mono_8000', u8 / 128.0)

    s16 = rng.randint(-32768, 32768, size=(200, 2))
    s16[:3, 0] = [-32768, 0, 32767]
    s16[:3, 1] = [1, -1, 12345]
    write_wave_module('pcm_s16_stereo_16000', s16, 2, 16000)
    save_expected('pcm_s16_stereo_16000', s16 / 32768.0)

    s24 = rng.randint(-(1 << 23), 1 << 23, size=(150, 1))
    s24[:3, 0] = [-(1 << 23), (1 << 23) - 1, -1]
    write_wave_module('pcm_s24_mono_44100', s24, 3, 44100)
    save_expected('pcm_s24_mono_44100', s24 / 8388608.0)

    s32 = rng.randint(-(1 << 31), 1 << 31, size=(150, 1), dtype=np.int64)
    s32[:4, 0] = [-(1 << 31), (1 << 31) - 1, 1, (1 << 24) + 1]
    write_wave_module('pcm_s32_mono_48000', s32, 4, 48000)
    # torchaudio's way: int32 -> float32, then / 2^31.
    save_expected('pcm_s32_mono_48000', s32.astype(np.int32).astype(np.float32) / np.float32(2147483648.0))

    # --- float, hand-packed --------------------------------------------------------------------------------
    f32 = (rng.randn(120, 2) * 0.3).astype('<f4')
    f32[0, 0], f32[0, 1], f32[1, 0] = 1.5, -0.0, 1e-30  # out-of-range and tiny values pass unchanged
    data = chunk(b'data', f32.tobytes())
    open(path('float32_stereo_22050.wav'), 'wb').write(riff([
        fmt_plain(3, 2, 22050, 32, cb=0), chunk(b'fact', struct.pack('<I', 120)), data]))
    save_expected('float32_stereo_22050', f32)

    f64 = rng.randn(100, 1) * 0.3
    f64[0, 0] = 0.1  # not representable in float32: expect the nearest float32
    open(path('float64_mono_24000.wav'), 'wb').write(riff([
        fmt_plain(3, 1, 24000, 64), chunk(b'data', f64.astype('<f8').tobytes())]))
    save_expected('float64_mono_24000', f64.astype(np.float32))

    # --- WAVE_FORMAT_EXTENSIBLE, hand-packed, 24-bit (20 valid bits) 3 channels, odd LIST chunk before data ---
    ext = (rng.randint(-(1 << 19), 1 << 19, size=(90, 3)) << 4)  # 20 valid bits, left-justified in 24
    list_body = b'INFOISFT' + struct.pack('<I', 5) + b'abcd\x00'  # 17 bytes: odd, followed by a pad byte
    open(path('ext_s24_3ch_16000.wav'), 'wb').write(riff([
        fmt_extensible(1, 3, 16000, 24, 20, 0x7), chunk(b'LIST', list_body), chunk(b'data', s24_bytes(ext))]))
    save_expected('ext_s24_3ch_16000', ext / 8388608.0)

    ext_f = (rng.randn(64, 2) * 0.2).astype('<f4')
    open(path('ext_f32_stereo_32000.wav'), 'wb').write(riff([
        fmt_extensible(3, 2, 32000, 32, 32, 0x3), chunk(b'fact', struct.pack('<I', 64)),
        chunk(b'data', ext_f.tobytes())]))
    save_expected('ext_f32_stereo_32000', ext_f)

    # --- odd-sized chunks everywhere: LIST before fmt, junk between, odd data (u8), chunk after data --------
    odd = rng.randint(-128, 128, size=(77, 1))
    open(path('odd_chunks_u8_mono_11025.wav'), 'wb').write(riff([
        chunk(b'LIST', b'INFOINAM' + struct.pack('<I', 3) + b'ab\x00'),  # 15 bytes + pad
        fmt_plain(1, 1, 11025, 8),
        chunk(b'junk', b'\x01\x02\x03'),                                    # 3 bytes + pad
        chunk(b'data', (odd + 128).astype('u1').tobytes()),                # 77 bytes + pad
        chunk(b'cue ', b'\x00' * 5)]))
    save_expected('odd_chunks_u8_mono_11025', odd / 128.0)

    # --- RF64: sizes in ds64, 0xFFFFFFFF placeholders --------------------------------------------------------
    rf = rng.randint(-32768, 32768, size=(100, 2))
    rf_data = rf.astype('<i2').tobytes()
    fmt = fmt_plain(1, 2, 16000, 16)
    ds64 = chunk(b'ds64', struct.pack('<QQQI', 4 + (8 + 28) + len(fmt) + 8 + len(rf_data), len(rf_data), 100, 0))
    body = b'WAVE' + ds64 + fmt + b'data' + struct.pack('<I', 0xFFFFFFFF) + rf_data
    open(path('rf64_s16_stereo_16000.wav'), 'wb').write(b'RF64' + struct.pack('<I', 0xFFFFFFFF) + body)
    save_expected('rf64_s16_stereo_16000', rf / 32768.0)

    # --- truncated data chunk: declares 400 bytes, holds 150 whole frames + 1 byte ---------------------------
    tr = rng.randint(-32768, 32768, size=(150, 1))
    tr_data = tr.astype('<i2').tobytes() + b'\x7f'
    body = b'WAVE' + fmt_plain(1, 1, 16000, 16) + b'data' + struct.pack('<I', 400) + tr_data
    open(path('truncated_s16_mono_16000.wav'), 'wb').write(b'RIFF' + struct.pack('<I', len(body)) + body)
    save_expected('truncated_s16_mono_16000', tr / 32768.0)

    # --- sox-written files ------------------------------------------------------------------------------------
    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, 'x.raw')
        six = rng.randint(-32768, 32768, size=(80, 6))
        six.astype('<i2').tofile(raw)
        sox(['-t', 'raw', '-r', '16000', '-e', 'signed', '-b', '16', '-c', '6', '-L', raw,
             path('sox_s16_6ch_16000.wav')])
        save_expected('sox_s16_6ch_16000', six / 32768.0)

        st = rng.randint(-(1 << 23), 1 << 23, size=(70, 2))
        open(raw, 'wb').write(s24_bytes(st))
        sox(['-t', 'raw', '-r', '44100', '-e', 'signed', '-b', '24', '-c', '2', '-L', raw,
             path('sox_s24_stereo_44100.wav')])
        save_expected('sox_s24_stereo_44100', st / 8388608.0)

        fl = rng.randint(-32768, 32768, size=(90, 1))
        fl.astype('<i2').tofile(raw)
        for bits in (32, 64):
            sox(['-t', 'raw', '-r', '16000', '-e', 'signed', '-b', '16', '-c', '1', '-L', raw,
                 '-e', 'floating-point', '-b', str(bits), path('sox_f%d_mono_16000.wav' % bits)])
            save_expected('sox_f%d_mono_16000' % bits, fl / 32768.0)

        al = rng.randint(-32768, 32768, size=(40, 1))
        al.astype('<i2').tofile(raw)
        sox(['-t', 'raw', '-r', '8000', '-e', 'signed', '-b', '16', '-c', '1', '-L', raw,
             '-e', 'a-law', path('unsupported_alaw_8000.wav')])

    # --- FLAC via sox -----------------------------------------------------------------------------------------
    sox([path('pcm_s16_stereo_16000.wav'), path('pcm_s16_stereo_16000.flac')])
    specs = [('flacsig_s16_stereo_16000', 10000, 2, 16, 16000, 1),
             ('flacsig_s24_mono_48000', 10000, 1, 24, 48000, 2),
             ('flacsig_s16_6ch_16000', 3000, 6, 16, 16000, 3)]
    with tempfile.TemporaryDirectory() as tmp:
        for name, frames, channels, bits, rate, seed in specs:
            sig = flac_signal(frames, channels, bits, seed)
            wav = os.path.join(tmp, name + '.wav')
            write_wave_module_to(wav, sig, bits // 8, rate)
            sox([wav, path(name + '.flac')])


def write_wave_module_to(file, ints, width, rate):
    frames, channels = ints.shape
    raw = s24_bytes(ints) if width == 3 else ints.astype('<i2').tobytes()
    with wave.open(file, 'wb') as w:
        w.setnchannels(channels)
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(raw)


if __name__ == '__main__':
    main()
