package io.quantstream.factor.expr;

import java.util.List;

/**
 * Factor definitions that do not make a program: every mistake found, each naming its factor
 * (and, within an expression, the column), e.g. {@code factor 'MOM': unknown field '$clse' at
 * column 1 in '$clse / $open'}.
 */
public class InvalidFactorsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidFactorsException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One message per mistake. */
    public List<String> problems() {
        return problems;
    }
}
