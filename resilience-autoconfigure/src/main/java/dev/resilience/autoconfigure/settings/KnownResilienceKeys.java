package dev.resilience.autoconfigure.settings;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.core.ResolvableType;

/**
 * The keys the resilience starter knows under {@code resilience}, derived by reflection from
 * {@link ResilienceProperties}, so that a property added there, or to any type it reaches, is
 * known at once.
 *
 * <p>The JavaBean properties of a type (a getter or a setter; for a record, its components) are
 * the keys below it. The declared type of a property decides what may follow its key:
 * <ul>
 * <li>a {@code Map} of groups or maps: any map key, then the keys of the value type, as in
 * {@code resilience.workers.<name>.interval};</li>
 * <li>a {@code Map} of anything else: any key, as Spring Boot then takes the rest of the name
 * as the map key;</li>
 * <li>a {@code Collection} or an array: an index such as {@code [0]}, then the keys of the
 * element type;</li>
 * <li>a primitive, a wrapper, an enum, or any other type of the JDK or of Spring
 * ({@code String}, {@code Duration}, {@code DataSize}...): nothing, the key takes a value;</li>
 * <li>any other type: a group, whose own properties are the keys below it.</li>
 * </ul>
 * Only the declared types count, not where the classes are declared. Keys that no property
 * declares can be added as extra prefixes, below which any key is known.
 *
 * @since 0.1.0
 */
public final class KnownResilienceKeys {

	/** The prefix of every key of the starter. */
	public static final String PREFIX = "resilience";

	private final ConfigurationPropertyName prefix;

	private final Node root;

	/**
	 * The keys of {@link ResilienceProperties} and nothing else.
	 */
	public KnownResilienceKeys() {
		this(List.of());
	}

	/**
	 * The keys of {@link ResilienceProperties} and those below the given prefixes.
	 * @param extraPrefixes further known keys in canonical form, such as {@code resilience.dashboard},
	 * below which any key is known; each may extend groups only, not go through a map, a list or a
	 * key that takes a value
	 * @throws IllegalArgumentException for a prefix outside {@code resilience} or through a map, a
	 * list or a key that takes a value
	 */
	public KnownResilienceKeys(Collection<String> extraPrefixes) {
		this(ResilienceProperties.class, PREFIX, extraPrefixes);
	}

	KnownResilienceKeys(Class<?> properties, String prefix, Collection<String> extraPrefixes) {
		this.prefix = ConfigurationPropertyName.of(prefix);
		Node root = new Reflection().nodeOf(ResolvableType.forClass(properties));
		if (root.kind != Kind.GROUP) {
			throw new IllegalArgumentException(properties.getName() + " has no properties of its own");
		}
		for (String extra : extraPrefixes) {
			ConfigurationPropertyName name = ConfigurationPropertyName.of(extra);
			if (!this.prefix.isAncestorOf(name)) {
				throw new IllegalArgumentException("'" + extra + "' is not below '" + prefix + "'");
			}
			root = withOpen(root, name, this.prefix.getNumberOfElements(), extra);
		}
		this.root = root;
	}

	/**
	 * @param name a configuration property name in any form
	 * @return whether it is {@code resilience} or below it, compared in uniform form
	 */
	public boolean isUnderPrefix(ConfigurationPropertyName name) {
		if (name.getNumberOfElements() < this.prefix.getNumberOfElements()) {
			return false;
		}
		for (int i = 0; i < this.prefix.getNumberOfElements(); i++) {
			if (!this.prefix.getElement(i, Form.UNIFORM).equals(name.getElement(i, Form.UNIFORM))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * @param name a configuration property name in any form ({@code max-restarts},
	 * {@code maxRestarts} and {@code max_restarts} are all the same key)
	 * @return whether it is below {@code resilience} and the starter knows it
	 */
	public boolean isKnown(ConfigurationPropertyName name) {
		return isUnderPrefix(name) && find(name).isEmpty();
	}

	/**
	 * @param name a name below the prefix
	 * @return where the name leaves the known keys, or empty when it is known
	 */
	Optional<Unknown> find(ConfigurationPropertyName name) {
		Node node = this.root;
		for (int i = this.prefix.getNumberOfElements(); i < name.getNumberOfElements(); i++) {
			switch (node.kind) {
				case OPEN -> {
					return Optional.empty();
				}
				case LEAF -> {
					return Optional.of(new Unknown(i, Kind.LEAF, List.of()));
				}
				case MAP -> node = node.element;
				case LIST -> {
					if (!isIndex(name, i)) {
						return Optional.of(new Unknown(i, Kind.LIST, List.of()));
					}
					node = node.element;
				}
				case GROUP -> {
					Child child = node.children.get(name.getElement(i, Form.UNIFORM));
					if (child == null) {
						return Optional.of(new Unknown(i, Kind.GROUP, node.names()));
					}
					node = child.node();
				}
			}
		}
		return Optional.empty();
	}

	private static boolean isIndex(ConfigurationPropertyName name, int element) {
		String text = name.getElement(element, Form.ORIGINAL);
		return name.isNumericIndex(element) || (!text.isEmpty() && text.chars().allMatch(Character::isDigit));
	}

	private static Node withOpen(Node node, ConfigurationPropertyName extra, int element, String text) {
		if (node.kind != Kind.GROUP) {
			throw new IllegalArgumentException("'" + text + "' goes through a key that is not a group");
		}
		// A copy, as one group node may stand for its type in several places
		Node copy = node.copy();
		String uniform = extra.getElement(element, Form.UNIFORM);
		Child child = node.children.get(uniform);
		String name = (child != null) ? child.name() : extra.getElement(element, Form.DASHED);
		Node below = Node.OPEN;
		if (element < extra.getNumberOfElements() - 1) {
			below = withOpen((child != null) ? child.node() : Node.group(), extra, element + 1, text);
		}
		copy.children.put(uniform, new Child(name, below));
		return copy;
	}

	/**
	 * What may follow a key: the properties of a type ({@code GROUP}), any map key then the keys
	 * of the value ({@code MAP}), an index then the keys of the element ({@code LIST}), nothing as
	 * the key takes a value ({@code LEAF}), anything ({@code OPEN}).
	 */
	enum Kind {

		GROUP, MAP, LIST, LEAF, OPEN

	}

	/**
	 * Where a name leaves the known keys.
	 * @param element the index of the first element that is not known
	 * @param level what the elements before it reached
	 * @param knownKeys the keys known after the elements before it, in dashed form and
	 * alphabetical order, for a {@link Kind#GROUP}
	 */
	record Unknown(int element, Kind level, List<String> knownKeys) {

	}

	private record Child(String name, Node node) {

	}

	private static final class Node {

		static final Node LEAF = new Node(Kind.LEAF, null);

		static final Node OPEN = new Node(Kind.OPEN, null);

		private final Kind kind;

		private final Map<String, Child> children = new LinkedHashMap<>();

		private final Node element;

		private Node(Kind kind, Node element) {
			this.kind = kind;
			this.element = element;
		}

		static Node group() {
			return new Node(Kind.GROUP, null);
		}

		Node copy() {
			Node copy = new Node(this.kind, this.element);
			copy.children.putAll(this.children);
			return copy;
		}

		List<String> names() {
			return this.children.values().stream().map(Child::name).sorted().toList();
		}

	}

	private static final class Reflection {

		private final Map<Class<?>, Node> groups = new HashMap<>();

		Node nodeOf(ResolvableType type) {
			Class<?> raw = type.toClass();
			if (type.isArray()) {
				return new Node(Kind.LIST, nodeOf(type.getComponentType()));
			}
			if (Collection.class.isAssignableFrom(raw)) {
				return new Node(Kind.LIST, nodeOf(type.asCollection().getGeneric(0)));
			}
			if (Map.class.isAssignableFrom(raw)) {
				ResolvableType value = type.asMap().getGeneric(1);
				Class<?> valueClass = value.toClass();
				boolean nested = Map.class.isAssignableFrom(valueClass) || isGroup(valueClass);
				return new Node(Kind.MAP, nested ? nodeOf(value) : Node.OPEN);
			}
			if (!isGroup(raw)) {
				return Node.LEAF;
			}
			Node group = this.groups.get(raw);
			if (group == null) {
				// Known before its properties, so a type that reaches itself ends in a cycle
				group = Node.group();
				this.groups.put(raw, group);
				for (Map.Entry<String, ResolvableType> property : properties(raw).entrySet()) {
					String name = DataObjectPropertyName.toDashedForm(property.getKey());
					group.children.put(Suggestions.uniform(name), new Child(name, nodeOf(property.getValue())));
				}
			}
			return group;
		}

		private static boolean isGroup(Class<?> type) {
			if (type.isPrimitive() || type.isEnum() || type.isArray() || BeanUtils.isSimpleValueType(type)) {
				return false;
			}
			String name = type.getName();
			return !name.startsWith("java.") && !name.startsWith("javax.") && !name.startsWith("jakarta.")
					&& !name.startsWith("org.springframework.");
		}

		private static Map<String, ResolvableType> properties(Class<?> type) {
			Map<String, ResolvableType> properties = new LinkedHashMap<>();
			if (type.isRecord()) {
				for (RecordComponent component : type.getRecordComponents()) {
					properties.put(component.getName(),
							ResolvableType.forMethodReturnType(component.getAccessor(), type));
				}
				return properties;
			}
			for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
				Method getter = descriptor.getReadMethod();
				Method setter = descriptor.getWriteMethod();
				if ("class".equals(descriptor.getName()) || (getter == null && setter == null)) {
					continue;
				}
				properties.put(descriptor.getName(),
						(getter != null) ? ResolvableType.forMethodReturnType(getter, type)
								: ResolvableType.forMethodParameter(setter, 0, type));
			}
			return properties;
		}

	}

}
