package io.rafka.metadata.record;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One change to cluster metadata. Records are the only way metadata changes: the controller produces them,
 * Ratis orders and replicates them, {@code MetadataDelta.replay} applies them.
 *
 * <p>Versioning: the type name on the wire ({@code "type"}) names the record's shape. A record may gain
 * fields with defaults (readers ignore unknown ones, see {@link RecordSerde}); a change that old readers
 * could misread gets a new type name (e.g. {@code PartitionChange2}), never a new meaning for an old name.
 *
 * <p>Implementations are immutable records, thread-safe.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = RegisterBrokerRecord.class, name = "RegisterBroker"),
    @JsonSubTypes.Type(value = FenceBrokerRecord.class, name = "FenceBroker"),
    @JsonSubTypes.Type(value = UnfenceBrokerRecord.class, name = "UnfenceBroker"),
    @JsonSubTypes.Type(value = UnregisterBrokerRecord.class, name = "UnregisterBroker"),
    @JsonSubTypes.Type(value = TopicRecord.class, name = "Topic"),
    @JsonSubTypes.Type(value = RemoveTopicRecord.class, name = "RemoveTopic"),
    @JsonSubTypes.Type(value = PartitionRecord.class, name = "Partition"),
    @JsonSubTypes.Type(value = PartitionChangeRecord.class, name = "PartitionChange"),
    @JsonSubTypes.Type(value = ConfigRecord.class, name = "Config"),
    @JsonSubTypes.Type(value = ProducerIdsRecord.class, name = "ProducerIds"),
})
public sealed interface MetadataRecord permits RegisterBrokerRecord, FenceBrokerRecord, UnfenceBrokerRecord,
    UnregisterBrokerRecord, TopicRecord, RemoveTopicRecord, PartitionRecord, PartitionChangeRecord, ConfigRecord,
    ProducerIdsRecord {
}
