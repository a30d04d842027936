/**
 * Audio file I/O for Voxtok, in pure Java: {@link io.voxtok.audio.AudioReader} (WAV or FLAC by content, optional
 * channel and rate conversion), {@link io.voxtok.audio.WavReader}, {@link io.voxtok.audio.FlacReader},
 * {@link io.voxtok.audio.WavWriter} (atomic), {@link io.voxtok.audio.ChannelMixer} and
 * {@link io.voxtok.audio.Resampler} (Kaiser-windowed sinc, polyphase). Everything returns or takes the immutable
 * {@link io.voxtok.api.audio.AudioBuffer}; bad files raise {@link io.voxtok.api.VoxtokException} naming the file.
 */
package io.voxtok.audio;
