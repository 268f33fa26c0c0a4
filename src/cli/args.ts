/**
 * Command-line options: `--name value`, `--name=value`, repeatable options, flags, and `--`
 * to end the options. Anything unknown is a usage error (exit 2), never ignored.
 */
import { usageError } from "./failure";

export interface OptionSpec {
  readonly name: string;
  /** false for a flag such as `--json`. */
  readonly takesValue: boolean;
  readonly repeatable?: boolean;
}

export interface ParsedArgs {
  readonly positionals: readonly string[];
  /** Values of the options given, in order; a flag given maps to `[""]`. */
  readonly options: ReadonlyMap<string, readonly string[]>;
}

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[], command: string): ParsedArgs {
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const positionals: string[] = [];
  const options = new Map<string, string[]>();
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPositionals || !arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    if (arg === "--") {
      onlyPositionals = true;
      continue;
    }
    const equals = arg.indexOf("=");
    const name = (equals === -1 ? arg : arg.slice(0, equals)).replace(/^--?/, "");
    const spec = byName.get(name);
    if (spec === undefined || !arg.startsWith("--")) {
      throw usageError(`unknown option ${equals === -1 ? arg : arg.slice(0, equals)} for "smallcap ${command}" (see smallcap --help)`);
    }
    let value = "";
    if (spec.takesValue) {
      if (equals !== -1) value = arg.slice(equals + 1);
      else {
        const next = argv[i + 1];
        if (next === undefined || next.startsWith("--")) throw usageError(`--${name} needs a value`);
        value = next;
        i++;
      }
      if (value === "") throw usageError(`--${name} needs a value`);
    } else if (equals !== -1) {
      throw usageError(`--${name} does not take a value`);
    }
    const list = options.get(name) ?? [];
    if (list.length > 0 && spec.repeatable !== true) throw usageError(`--${name} is given more than once`);
    list.push(value);
    options.set(name, list);
  }
  return { positionals, options };
}

/** The single value of an option, or undefined when it was not given. */
export function optionValue(args: ParsedArgs, name: string): string | undefined {
  return args.options.get(name)?.[0];
}

export function hasFlag(args: ParsedArgs, name: string): boolean {
  return args.options.has(name);
}
