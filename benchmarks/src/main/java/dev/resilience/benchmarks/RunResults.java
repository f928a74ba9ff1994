package dev.resilience.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads one run's results for {@link Report}: the harness's {@code RAW key value} lines and JMH's
 * CSV, keyed {@code Class.method[.param]} with an {@code .error} entry beside each score.
 */
final class RunResults {

	private RunResults() {
	}

	static void read(Path dir, Map<String, List<Double>> raw, Map<String, Double> jmh) throws IOException {
		Path rawFile = dir.resolve("raw.txt");
		if (Files.exists(rawFile)) {
			for (String line : Files.readAllLines(rawFile)) {
				String[] parts = line.trim().split("\\s+");
				if (parts.length == 3 && parts[0].equals("RAW")) {
					raw.computeIfAbsent(parts[1], (key) -> new ArrayList<>()).add(Double.parseDouble(parts[2]));
				}
			}
		}
		Path csv = dir.resolve("jmh.csv");
		if (Files.exists(csv)) {
			List<String> lines = Files.readAllLines(csv);
			for (String line : lines.subList(1, lines.size())) {
				List<String> cells = csvCells(line);
				String name = cells.get(0).substring(cells.get(0).lastIndexOf('.') + 1);
				String clazz = cells.get(0).substring(0, cells.get(0).lastIndexOf('.'));
				clazz = clazz.substring(clazz.lastIndexOf('.') + 1);
				String param = (cells.size() > 7) ? cells.get(7) : "";
				String key = clazz + "." + name + (param.isEmpty() ? "" : "." + param);
				jmh.put(key, Double.parseDouble(cells.get(4)));
				jmh.put(key + ".error", parseOrNaN(cells.get(5)));
			}
		}
	}

	private static double parseOrNaN(String text) {
		try {
			return Double.parseDouble(text);
		}
		catch (NumberFormatException ex) {
			return Double.NaN;
		}
	}

	private static List<String> csvCells(String line) {
		List<String> cells = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		for (char c : line.toCharArray()) {
			if (c == '"') {
				quoted = !quoted;
			}
			else if (c == ',' && !quoted) {
				cells.add(cell.toString());
				cell.setLength(0);
			}
			else {
				cell.append(c);
			}
		}
		cells.add(cell.toString());
		return cells;
	}

}
