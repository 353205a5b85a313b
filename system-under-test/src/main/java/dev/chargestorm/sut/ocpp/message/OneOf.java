package dev.chargestorm.sut.ocpp.message;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Set;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The annotated string, when present, is one of the listed values (an enumeration of the OCPP
 * schema whose values are not Java identifiers, such as {@code Energy.Active.Import.Register}).
 */
@Documented
@Constraint(validatedBy = OneOf.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface OneOf {

	String[] value();

	String message() default "must be one of {value}";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks membership. */
	class Validator implements ConstraintValidator<OneOf, String> {

		private Set<String> allowed = Set.of();

		@Override
		public void initialize(OneOf annotation) {
			this.allowed = Set.of(annotation.value());
		}

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || this.allowed.contains(value);
		}

	}

}
