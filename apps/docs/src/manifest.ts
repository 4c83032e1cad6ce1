// The element's custom-elements.json lists its public members only (its analyzer config drops
// private ones and the form callbacks), statics included. The docs show what a page sets or
// calls, each property once.

interface Member {
  name: string;
  kind?: string;
  static?: boolean;
}

interface Declaration {
  customElement?: boolean;
  members?: Member[];
  attributes?: { name: string; fieldName?: string }[];
}

interface Manifest {
  modules?: { declarations?: Declaration[] }[];
}

function isShown(member: Member, attributeFields: Set<string>): boolean {
  if (member.static) return false;
  // Documented once, as the attribute that sets it.
  return !attributeFields.has(member.name);
}

/** A copy of `manifest` whose custom elements list only the members a page uses directly. */
export function publicApi(manifest: Manifest): Manifest {
  return {
    ...manifest,
    modules: manifest.modules?.map((module) => ({
      ...module,
      declarations: module.declarations?.map((d) => {
        if (!d.customElement) return d;
        const fields = new Set((d.attributes ?? []).map((a) => a.fieldName ?? ''));
        return { ...d, members: d.members?.filter((m) => isShown(m, fields)) };
      }),
    })),
  };
}
