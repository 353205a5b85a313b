package dev.chargestorm.chaos.fault;

import dev.chargestorm.chaos.runtime.NodeHandle;
import dev.chargestorm.chaos.runtime.RunningPlatform;
import dev.chargestorm.chaos.topology.Link;
import dev.chargestorm.chaos.topology.LinkKind;
import dev.chargestorm.chaos.topology.NodeRole;
import java.util.List;
import java.util.Set;

/** Resolves scopes to this platform's links and nodes, refusing anything the platform did not start. */
final class Targets {

    private final RunningPlatform platform;

    Targets(RunningPlatform platform) {
        this.platform = platform;
    }

    List<Link> links(FaultKind fault, Scope scope, Set<LinkKind> kinds) {
        check(fault, scope);
        List<Link> links = platform.links().stream().filter(l -> kinds.contains(l.kind()))
                .filter(l -> switch (scope) {
                    case Scope.All all -> true;
                    case Scope.InZone zone -> l.zone().equals(zone.zone());
                    case Scope.OnNode node -> l.node().name().equals(node.node());
                }).toList();
        if (links.isEmpty()) {
            throw new ForeignTargetException(fault.label(), scope.toString(), fault.label() + " on " + scope
                    + ": no link of kind " + kinds + " there; links of this platform: "
                    + platform.links().stream().map(Link::proxy).toList());
        }
        return links;
    }

    List<NodeHandle> nodes(FaultKind fault, Scope scope, Set<NodeRole> roles) {
        check(fault, scope);
        List<NodeHandle> nodes = platform.nodes().stream().filter(n -> roles.contains(n.node().role()))
                .filter(n -> switch (scope) {
                    case Scope.All all -> true;
                    case Scope.InZone zone -> n.zone().equals(zone.zone());
                    case Scope.OnNode node -> n.name().equals(node.node());
                }).toList();
        if (nodes.isEmpty()) {
            throw new ForeignTargetException(fault.label(), scope.toString(), fault.label() + " on " + scope
                    + ": no " + roles + " node there; nodes of this platform: "
                    + platform.nodes().stream().map(NodeHandle::name).toList());
        }
        return nodes;
    }

    NodeHandle owned(FaultKind fault, NodeHandle node) {
        if (!platform.owns(node)) {
            throw new ForeignTargetException(fault.label(), node.name(), fault.label() + " refused: " + node
                    + " was not started by this platform (its nodes: "
                    + platform.nodes().stream().map(NodeHandle::name).toList()
                    + "); the harness injects faults only into what it started");
        }
        return node;
    }

    private void check(FaultKind fault, Scope scope) {
        switch (scope) {
            case Scope.All all -> {
            }
            case Scope.InZone zone -> {
                if (platform.topology().findZone(zone.zone()).isEmpty()) {
                    throw new ForeignTargetException(fault.label(), scope.toString(), fault.label()
                            + " refused: no zone '" + zone.zone() + "' in this platform (its zones: "
                            + platform.topology().zoneNames() + "); the harness injects faults only into what it"
                            + " started");
                }
            }
            case Scope.OnNode node -> {
                if (platform.nodes().stream().noneMatch(n -> n.name().equals(node.node()))) {
                    throw new ForeignTargetException(fault.label(), scope.toString(), fault.label()
                            + " refused: no node '" + node.node() + "' in this platform (its nodes: "
                            + platform.nodes().stream().map(NodeHandle::name).toList() + "); the harness injects"
                            + " faults only into what it started");
                }
            }
        }
    }
}
