package io.rafka.metadata.image;

/**
 * Told about every committed change, in log order, on one publisher thread per node. A listener must not
 * block for long: it delays every later listener and image.
 */
@FunctionalInterface
public interface MetadataListener {
    void onMetadataUpdate(MetadataDelta delta, MetadataImage newImage);
}
