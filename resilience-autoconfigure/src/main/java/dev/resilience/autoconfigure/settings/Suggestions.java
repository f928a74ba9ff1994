package dev.resilience.autoconfigure.settings;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * "Did you mean" suggestions for mistyped keys and names.
 *
 * @since 0.1.0
 */
public final class Suggestions {

	private Suggestions() {
	}

	/**
	 * The candidate nearest to what was given, in uniform form (so {@code max-restarts} and
	 * {@code maxRestarts} are equal), by edit distance with swaps of neighbours as one edit. Near
	 * enough is at most {@code max(2, length / 3)} edits and fewer than the length of either side;
	 * ties go to the candidate closest in length, then to the first alphabetically.
	 * @return the nearest candidate, or empty when none is near enough
	 */
	public static Optional<String> nearest(String given, Collection<String> candidates) {
		String uniform = uniform(given);
		if (uniform.isEmpty()) {
			return Optional.empty();
		}
		int threshold = Math.max(2, uniform.length() / 3);
		ToIntFunction<String> distance = (candidate) -> distance(uniform, uniform(candidate));
		return candidates.stream()
			.filter(Objects::nonNull)
			.filter((candidate) -> {
				int edits = distance.applyAsInt(candidate);
				int shorter = Math.min(uniform.length(), uniform(candidate).length());
				return edits == 0 || (edits <= threshold && edits < shorter);
			})
			.min(Comparator.comparingInt(distance)
				.thenComparingInt((candidate) -> Math.abs(uniform.length() - uniform(candidate).length()))
				.thenComparing(Comparator.naturalOrder()));
	}

	/** @return the text in lower case, letters and digits only, as Spring Boot compares relaxed names */
	static String uniform(String text) {
		StringBuilder uniform = new StringBuilder(text.length());
		text.toLowerCase(Locale.ROOT).codePoints().filter(Character::isLetterOrDigit).forEach(uniform::appendCodePoint);
		return uniform.toString();
	}

	/** @return the optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours */
	static int distance(String a, String b) {
		int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= b.length(); j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			for (int j = 1; j <= b.length(); j++) {
				int cost = (a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1;
				d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[a.length()][b.length()];
	}

}
