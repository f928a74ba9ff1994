package dev.resilience.autoconfigure.settings;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.core.ResolvableType;

/**
 * Where an unbound key leaves the keys of {@link ResilienceProperties}, read as the binder reads
 * them: a record's components are the keys below it, a map takes one element as its key, a list an
 * index, any other type a value. Only for messages: the binder decides what binds.
 */
final class PropertyKeys {

	private PropertyKeys() {
	}

	/** @return where a key below {@code resilience} leaves the known keys, or empty when it is known */
	static Optional<Miss> find(ConfigurationPropertyName name) {
		return find(ResolvableType.forClass(ResilienceProperties.class), name, 1);
	}

	/**
	 * The key to write when a map key with a dot lacks brackets: {@code resilience.workers.a.b.timeout}
	 * is {@code resilience.workers[a.b].timeout}.
	 * @return the key with the longest map key that makes the rest known, or empty
	 */
	static Optional<String> bracketed(ConfigurationPropertyName name, Miss miss) {
		if (miss.mapValue() == null) {
			return Optional.empty();
		}
		int key = miss.element() - 1;
		for (int rest = miss.element() + 1; rest < name.getNumberOfElements(); rest++) {
			if (find(miss.mapValue(), name, rest).isEmpty()) {
				String mapKey = UnknownKeyFailureAnalyzer.written(name, key, rest).substring(1);
				return Optional.of(UnknownKeyFailureAnalyzer.written(name, 0, key) + "[" + mapKey + "]"
						+ UnknownKeyFailureAnalyzer.written(name, rest, name.getNumberOfElements()));
			}
		}
		return Optional.empty();
	}

	/** @return the key of a map's entry, in brackets when the name has other characters than letters, digits and - */
	static String mapKey(String map, String name) {
		return name.matches("[A-Za-z0-9-]+") ? map + "." + name : map + "[" + name + "]";
	}

	/** @return the prefix of a worker's keys, such as {@code resilience.workers.payments.} */
	static String worker(String name) {
		return mapKey("resilience.workers", name) + ".";
	}

	private static Optional<Miss> find(ResolvableType type, ConfigurationPropertyName name, int from) {
		ResolvableType mapValue = null;
		for (int i = from; i < name.getNumberOfElements(); i++) {
			Class<?> raw = type.toClass();
			if (Map.class.isAssignableFrom(raw)) {
				type = type.asMap().getGeneric(1);
				mapValue = type;
				continue;
			}
			if (Collection.class.isAssignableFrom(raw)) {
				if (!name.isNumericIndex(i)) {
					return Optional.of(new Miss(i, Kind.LIST, List.of(), null));
				}
				type = type.asCollection().getGeneric(0);
				mapValue = null;
				continue;
			}
			if (!raw.isRecord()) {
				return Optional.of(new Miss(i, Kind.LEAF, List.of(), null));
			}
			Map<String, ResolvableType> keys = keys(raw);
			String uniform = name.getElement(i, Form.UNIFORM);
			Optional<String> key = keys.keySet()
				.stream()
				.filter((known) -> Suggestions.uniform(known).equals(uniform))
				.findFirst();
			if (key.isEmpty()) {
				return Optional.of(new Miss(i, Kind.GROUP, List.copyOf(keys.keySet()), mapValue));
			}
			type = keys.get(key.get());
			mapValue = null;
		}
		return Optional.empty();
	}

	/** @return a record's components, dashed and sorted, with their types */
	private static Map<String, ResolvableType> keys(Class<?> type) {
		Map<String, ResolvableType> keys = new TreeMap<>();
		for (RecordComponent component : type.getRecordComponents()) {
			keys.put(DataObjectPropertyName.toDashedForm(component.getName()),
					ResolvableType.forMethodReturnType(component.getAccessor(), type));
		}
		return keys;
	}

	/** What may follow a key: its type's keys, an index, or nothing. */
	enum Kind {

		GROUP, LIST, LEAF

	}

	/**
	 * Where a key leaves the known keys.
	 * @param element the index of its first unknown element
	 * @param kind what the elements before it reached
	 * @param knownKeys the keys known after the elements before it, for a {@link Kind#GROUP}
	 * @param mapValue the value type of the map whose key the element before it is, or {@code null}
	 */
	record Miss(int element, Kind kind, List<String> knownKeys, ResolvableType mapValue) {

	}

}
