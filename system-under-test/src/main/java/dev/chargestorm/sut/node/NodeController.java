package dev.chargestorm.sut.node;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /admin/node}: who this node is and how many chargers it holds. */
@RestController
class NodeController {

	private final NodeProperties node;

	private final ObjectProvider<ConnectedChargers> connectedChargers;

	NodeController(NodeProperties node, ObjectProvider<ConnectedChargers> connectedChargers) {
		this.node = node;
		this.connectedChargers = connectedChargers;
	}

	@GetMapping("/admin/node")
	NodeDescriptor node() {
		ConnectedChargers count = this.connectedChargers.getIfAvailable(() -> () -> 0);
		return new NodeDescriptor(this.node.id(), this.node.zone(), this.node.role(), count.connectedChargers());
	}

	record NodeDescriptor(String id, String zone, NodeProperties.Role role, int connectedChargers) {
	}

}
