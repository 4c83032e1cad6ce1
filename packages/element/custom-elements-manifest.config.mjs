// The manifest is the element's public API for editors, Storybook and other tools: private
// and protected members (`#state`, lifecycle overrides) are implementation, so they are left out.
function isPublic(member) {
  return !member.name.startsWith('#') && !['private', 'protected'].includes(member.privacy);
}

export default {
  globs: ['src/**/*.ts', 'digit-canvas.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      name: 'public-members-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            if (declaration.members) declaration.members = declaration.members.filter(isPublic);
          }
        }
      },
    },
  ],
};
