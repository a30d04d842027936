package io.voxtok.plugin.speakerencoder;

import io.voxtok.api.VoxtokPlugin;
import io.voxtok.api.speaker.SpeakerEncoderFactory;
import io.voxtok.plugin.speakerencoder.onnx.OnnxSpeakerEncoderFactory;

import java.util.List;

/**
 * The speaker-encoder plugin: contributes the speaker encoders {@code speaker-encoder} (trained by Voxtok),
 * {@code onnx-speaker-encoder} (a user's ONNX export) and {@code logmel-stats} (model-free baseline); its training
 * recipe is a service.
 */
public final class SpeakerEncoderPlugin implements VoxtokPlugin {
    @Override
    public List<SpeakerEncoderFactory> speakerEncoders() {
        return List.of(new TrainedSpeakerEncoderFactory(), new OnnxSpeakerEncoderFactory(),
                new LogMelStatsSpeakerEncoderFactory());
    }
}
