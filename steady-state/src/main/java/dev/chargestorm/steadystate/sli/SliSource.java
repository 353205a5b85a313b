package dev.chargestorm.steadystate.sli;

/**
 * Where SLI numbers come from. The run calls {@link #collect()} once at every slice boundary (and once at the start
 * to prime it); the snapshot covers what happened since the previous call.
 */
public interface SliSource {

    /**
     * What happened since the previous call. A snapshot may share buffers with the source and is only valid until the
     * next call.
     *
     * @throws SourceException when the source cannot be read (the slice then counts as NO_DATA for its objectives)
     */
    SliceSnapshot collect();
}
