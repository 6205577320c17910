package org.flowlab.model.train;

/**
 * How a trainer's steps split their batch (see {@code BatchShards} and {@code ShardPlanner}).
 *
 * @param count shards a step splits its batch into (1: the whole batch on the training thread)
 * @param inUse shards the steps use now: {@code count}, or 1 while running the batch whole on the
 *     training thread is faster (another program keeps the cores busy; see
 *     {@link org.flowlab.model.compute.Compute#shardsFollowLoad()})
 * @param changes how often the steps have changed between {@code count} shards and one
 */
public record ShardLayout(int count, int inUse, int changes) {}
