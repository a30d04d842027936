package io.voxtok.modelio;

/**
 * A storage of a PyTorch zip checkpoint, as named by a persistent id {@code ('storage', FloatStorage, key, location,
 * numel)}: its data is the archive record {@code <prefix>/data/<key>}.
 *
 * @param dtype    element type given by the storage class
 * @param key      record name under {@code data/}
 * @param location device it was saved from (the bytes are the same whatever the device)
 * @param numel    number of elements
 */
record TorchStorageRef(DType dtype, String key, String location, long numel) {
}
