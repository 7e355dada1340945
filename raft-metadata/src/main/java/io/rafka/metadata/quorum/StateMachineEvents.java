package io.rafka.metadata.quorum;

import io.rafka.metadata.api.ControllerRequest;
import io.rafka.metadata.api.ControllerResponse;
import io.rafka.metadata.image.MetadataImage;
import java.util.concurrent.CompletableFuture;

/**
 * What the state machine tells the controller shell. Every method must return quickly: the first three are
 * called on Ratis's apply thread, {@link #handleRequest} on a Ratis RPC thread.
 */
interface StateMachineEvents {

    /** This node leads {@code term} and every earlier entry is applied into {@code image}. */
    void onLeaderReady(MetadataImage image, long term);

    /** This node no longer leads. */
    void onNotLeader();

    /** An entry committed and was applied. */
    void onCommitted(MetadataImage image);

    /** A controller request forwarded to this (leader) node. */
    CompletableFuture<ControllerResponse> handleRequest(ControllerRequest request);
}
