package dev.chargestorm.sut.ocpp.message;

import java.lang.annotation.Annotation;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.chargestorm.sut.ocpp.frame.ErrorCode;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Binds OCPP payloads to records as strictly as the official JSON schemas validate them, and maps
 * each kind of violation to its CALLERROR code:
 * <table>
 * <tr><th>violation</th><th>code</th></tr>
 * <tr><td>required property missing</td><td>OccurenceConstraintViolation</td></tr>
 * <tr><td>wrong JSON type, null value, number out of range, malformed date-time</td><td>TypeConstraintViolation</td></tr>
 * <tr><td>value not in the enumeration, string too long</td><td>PropertyConstraintViolation</td></tr>
 * <tr><td>property the schema does not define</td><td>FormationViolation</td></tr>
 * </table>
 */
public final class PayloadBinder {

	private final JsonMapper strictMapper;

	private final Validator validator;

	public PayloadBinder(JsonMapper mapper, Validator validator) {
		this.strictMapper = mapper.rebuild()
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.withCoercionConfig(LogicalType.Textual, (config) -> config
				.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Enum, (config) -> config
				.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Boolean, (config) -> config
				.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
			.build();
		this.validator = validator;
	}

	/**
	 * Binds and validates a payload.
	 * @param payload the JSON object
	 * @param type the record to bind it to
	 * @param <T> the record type
	 * @return the valid payload
	 * @throws PayloadViolationException when the payload breaks the schema
	 */
	public <T> T bind(JsonNode payload, Class<T> type) {
		rejectNulls(payload, "");
		T value;
		try {
			value = this.strictMapper.treeToValue(payload, type);
		}
		catch (JacksonException ex) {
			throw translate(ex);
		}
		Set<ConstraintViolation<T>> violations = this.validator.validate(value);
		if (!violations.isEmpty()) {
			throw translate(violations);
		}
		return value;
	}

	/** The schemas type every property; JSON null is none of those types. */
	private static void rejectNulls(JsonNode node, String path) {
		if (node.isObject()) {
			for (var property : node.properties()) {
				String childPath = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
				if (property.getValue().isNull()) {
					throw new PayloadViolationException(ErrorCode.TypeConstraintViolation, childPath,
							"Property '" + childPath + "' must not be null (omit it when it has no value)");
				}
				rejectNulls(property.getValue(), childPath);
			}
		}
		else if (node.isArray()) {
			for (int index = 0; index < node.size(); index++) {
				String childPath = path + "[" + index + "]";
				if (node.get(index).isNull()) {
					throw new PayloadViolationException(ErrorCode.TypeConstraintViolation, childPath,
							"Element '" + childPath + "' must not be null");
				}
				rejectNulls(node.get(index), childPath);
			}
		}
	}

	private static PayloadViolationException translate(JacksonException ex) {
		String property = path(ex.getPath());
		if (ex instanceof UnrecognizedPropertyException unrecognized) {
			String name = unrecognized.getPropertyName();
			String parent = path(ex.getPath().subList(0, Math.max(0, ex.getPath().size() - 1)));
			return new PayloadViolationException(ErrorCode.FormationViolation, property,
					"Property '" + name + "' is not defined for this payload" + (parent.isEmpty() ? "" : " at " + parent)
							+ "; known properties: " + unrecognized.getKnownPropertyIds());
		}
		if (ex instanceof InvalidFormatException invalid && invalid.getTargetType() != null
				&& invalid.getTargetType().isEnum()) {
			return new PayloadViolationException(ErrorCode.PropertyConstraintViolation, property,
					"Property '" + property + "' must be one of "
							+ List.of(invalid.getTargetType().getEnumConstants()) + " but was "
							+ quote(invalid.getValue()));
		}
		return new PayloadViolationException(ErrorCode.TypeConstraintViolation, property,
				"Property '" + property + "' has the wrong data type: " + ex.getOriginalMessage());
	}

	private static <T> PayloadViolationException translate(Set<ConstraintViolation<T>> violations) {
		ConstraintViolation<T> first = violations.stream()
			.min(Comparator.comparing((ConstraintViolation<T> violation) -> codeOf(violation).ordinal())
				.reversed()
				.thenComparing((violation) -> violation.getPropertyPath().toString()))
			.orElseThrow();
		String property = first.getPropertyPath().toString();
		String others = violations.size() == 1 ? ""
				: " (" + (violations.size() - 1) + " more: " + violations.stream()
					.filter((violation) -> violation != first)
					.map((violation) -> violation.getPropertyPath().toString())
					.sorted()
					.collect(Collectors.joining(", ")) + ")";
		return new PayloadViolationException(codeOf(first), property,
				"Property '" + property + "' " + describe(first) + others);
	}

	private static ErrorCode codeOf(ConstraintViolation<?> violation) {
		Class<? extends Annotation> constraint = violation.getConstraintDescriptor().getAnnotation().annotationType();
		return (constraint == NotNull.class) ? ErrorCode.OccurenceConstraintViolation
				: ErrorCode.PropertyConstraintViolation;
	}

	private static String describe(ConstraintViolation<?> violation) {
		Annotation constraint = violation.getConstraintDescriptor().getAnnotation();
		return switch (constraint) {
			case NotNull ignored -> "is required but missing";
			case Size size when violation.getInvalidValue() instanceof CharSequence text ->
				"must be at most " + size.max() + " characters but was " + text.length();
			case OneOf oneOf -> "must be one of " + List.of(oneOf.value()) + " but was "
					+ quote(violation.getInvalidValue());
			default -> violation.getMessage() + " but was " + quote(violation.getInvalidValue());
		};
	}

	private static String path(List<JacksonException.Reference> references) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : references) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String quote(Object value) {
		return (value instanceof CharSequence) ? "\"" + value + "\"" : String.valueOf(value);
	}

}
