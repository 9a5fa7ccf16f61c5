import { existsSync } from 'node:fs'
import ts from 'typescript'

/** What a name exported by a package is: a value at runtime, or a type only. */
export type ExportKind = 'value' | 'type'

/** Whether the chain of re-exports behind `symbol` passes through an `export type` / `import type`. */
function isTypeOnlyExport(checker: ts.TypeChecker, symbol: ts.Symbol): boolean {
  let current: ts.Symbol | undefined = symbol
  while (current !== undefined && (current.flags & ts.SymbolFlags.Alias) !== 0) {
    if (current.declarations?.some((node) => ts.isTypeOnlyImportOrExportDeclaration(node))) {
      return true
    }
    current = checker.getImmediateAliasedSymbol(current)
  }
  return false
}

/**
 * Every name a built declaration entry point (`dist/index.d.ts`) exports, sorted, each with whether
 * it is a value or a type only: the export snapshot of a package, read the way TypeScript users see
 * it, so a new type is as visible in a diff as a new function.
 */
export function listExports(declarationFile: string): Record<string, ExportKind> {
  if (!existsSync(declarationFile)) {
    throw new Error(`${declarationFile} does not exist: build the package first`)
  }
  const program = ts.createProgram([declarationFile], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    noEmit: true,
    types: [],
    // Export names and kinds come from declarations alone: no need to load the standard library.
    noLib: true,
  })
  const checker = program.getTypeChecker()
  const source = program.getSourceFile(declarationFile)
  const module = source === undefined ? undefined : checker.getSymbolAtLocation(source)
  if (module === undefined)
    throw new Error(`${declarationFile} is not a module TypeScript can read`)
  const exports: Record<string, ExportKind> = {}
  const symbols = checker.getExportsOfModule(module)
  symbols.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const symbol of symbols) {
    const target =
      (symbol.flags & ts.SymbolFlags.Alias) !== 0 ? checker.getAliasedSymbol(symbol) : symbol
    const isValue =
      (target.flags & ts.SymbolFlags.Value) !== 0 && !isTypeOnlyExport(checker, symbol)
    exports[symbol.name] = isValue ? 'value' : 'type'
  }
  return exports
}

/** The names of {@link listExports} that are values: what the entry point exports at runtime. */
export function valueNames(exports: Record<string, ExportKind>): string[] {
  return Object.entries(exports)
    .filter(([, kind]) => kind === 'value')
    .map(([name]) => name)
}
