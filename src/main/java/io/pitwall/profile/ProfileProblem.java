package io.pitwall.profile;

/**
 * Why a profile file could not be used, pointing at the place to fix.
 *
 * @param line 1-based, or 0 where no line is known
 */
public record ProfileProblem(String file, int line, String field, String message) {

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(file);
        if (line > 0) {
            text.append(':').append(line);
        }
        if (field != null && !field.isEmpty()) {
            text.append(": field '").append(field).append('\'');
        }
        return text.append(": ").append(message).toString();
    }
}
