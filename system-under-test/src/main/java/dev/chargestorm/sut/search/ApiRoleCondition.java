package dev.chargestorm.sut.search;

import dev.chargestorm.sut.node.NodeProperties.Role;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches on nodes that serve the API: role {@code api} or {@code all}, not {@code ocpp}. */
class ApiRoleCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Role role = Binder.get(context.getEnvironment()).bind("chargestorm.node.role", Role.class).orElse(Role.ALL);
		return (role != Role.OCPP) ? ConditionOutcome.match("chargestorm.node.role is " + role)
				: ConditionOutcome.noMatch("chargestorm.node.role is OCPP: no search API on this node");
	}

}
