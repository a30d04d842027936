package io.voxtok.api.backend;

/** The compute backend a component runs on. */
public enum BackendKind {
    /** DJL with the PyTorch engine (libtorch), CPU or CUDA. */
    PYTORCH,
    /** ONNX Runtime, CPU or an execution provider such as CUDA. */
    ONNX_RUNTIME,
    /** Plain Java, no native engine (simple tokenizers such as the mu-law sample). */
    PURE_JAVA
}
