package dev.chargestorm.steadystate.sli;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Ids seen by a driver, e.g. transactions a charger got a CALLRESULT for; it is also the "expected" probe. */
public final class IdSetRecorder implements IdProbe {

    private final String name;
    private final Set<String> ids = ConcurrentHashMap.newKeySet();

    IdSetRecorder(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public void add(String id) {
        ids.add(id);
    }

    @Override
    public Collection<String> ids() {
        return List.copyOf(ids);
    }
}
