// The element's custom-elements.json lists its public members, form lifecycle callbacks and
// statics included. The docs show what a page sets or calls, each property once.

interface Member {
  name: string;
  kind?: string;
  privacy?: string;
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

function isPublic(member: Member, attributeFields: Set<string>): boolean {
  if (member.privacy === 'private' || member.privacy === 'protected') return false;
  if (member.name.startsWith('#') || member.static) return false;
  // Called by the browser, not by pages.
  if (/Callback$/.test(member.name)) return false;
  // Documented once, as the attribute that sets it.
  return !attributeFields.has(member.name);
}

/** A copy of `manifest` whose custom elements list only their public members. */
export function publicApi(manifest: Manifest): Manifest {
  return {
    ...manifest,
    modules: manifest.modules?.map((module) => ({
      ...module,
      declarations: module.declarations?.map((d) => {
        if (!d.customElement) return d;
        const fields = new Set((d.attributes ?? []).map((a) => a.fieldName ?? ''));
        return { ...d, members: d.members?.filter((m) => isPublic(m, fields)) };
      }),
    })),
  };
}
