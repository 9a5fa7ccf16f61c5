/** The repository's root folder. */
export declare const root: string

/** Folders of the packages we publish, in dependency order. */
export declare const PUBLISHED: readonly string[]

/** One packed package. */
export interface Pack {
  name: string
  /** Its folder in the repository. */
  dir: string
  /** The `.tgz` that `pnpm pack` wrote. */
  tarball: string
  /** Its package.json in the repository (before pnpm pack rewrote it). */
  manifest: { name: string; version: string; exports?: Record<string, unknown> }
}

/** Packs every published package into `destination` (a folder); resolves with their tarballs. */
export declare function packPackages(destination: string): Promise<Pack[]>

/** The problems publint (strict: warnings count) finds in a packed tarball. */
export declare function publintProblems(pack: Pack): Promise<string[]>

/** The problems Are the Types Wrong (profile esm-only) finds in a packed tarball. */
export declare function attwProblems(pack: Pack): Promise<string[]>

/** publint and attw for each packed package: `[name, problems][]`, problems empty when clean. */
export declare function checkPacks(packs: readonly Pack[]): Promise<Array<[string, string[]]>>
