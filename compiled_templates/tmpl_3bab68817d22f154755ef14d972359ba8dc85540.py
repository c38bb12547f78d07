from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'document-de-cadrage.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_lisible = resolve('lisible')
    l_0_reponse = resolve('reponse')
    l_0_profil = resolve('profil')
    l_0_parties = resolve('parties')
    l_0_organisation = resolve('organisation')
    l_0_partenaire = resolve('partenaire')
    l_0_finances = resolve('finances')
    l_0_fin_convention = resolve('fin_convention')
    l_0_a_completer = resolve('a_completer')
    l_0_document = resolve('document')
    l_0_m = l_0_titre_document = l_0_e1 = l_0_e4 = l_0_e5 = l_0_e6 = l_0_e7 = l_0_r4 = l_0_r5 = l_0_r6 = l_0_statut_document = l_0_engagements = missing
    try:
        t_1 = environment.filters['cellule']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'cellule' found.")
    try:
        t_2 = environment.filters['date_fr']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'date_fr' found.")
    try:
        t_3 = environment.filters['en_ligne']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'en_ligne' found.")
    try:
        t_4 = environment.filters['euros']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'euros' found.")
    try:
        t_5 = environment.filters['lower']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'lower' found.")
    try:
        t_6 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    l_0_m = context.vars['m'] = environment.get_template('_macros.md.j2', 'document-de-cadrage.md.j2')._get_default_module(context)
    context.exported_vars.discard('m')
    l_0_titre_document = 'Document de cadrage du partenariat'
    context.vars['titre_document'] = l_0_titre_document
    context.exported_vars.add('titre_document')
    l_0_e1 = environment.getattr((undefined(name='lisible') if l_0_lisible is missing else l_0_lisible), 'etape1')
    context.vars['e1'] = l_0_e1
    context.exported_vars.add('e1')
    l_0_e4 = environment.getattr((undefined(name='lisible') if l_0_lisible is missing else l_0_lisible), 'etape4')
    context.vars['e4'] = l_0_e4
    context.exported_vars.add('e4')
    l_0_e5 = environment.getattr((undefined(name='lisible') if l_0_lisible is missing else l_0_lisible), 'etape5')
    context.vars['e5'] = l_0_e5
    context.exported_vars.add('e5')
    l_0_e6 = environment.getattr((undefined(name='lisible') if l_0_lisible is missing else l_0_lisible), 'etape6')
    context.vars['e6'] = l_0_e6
    context.exported_vars.add('e6')
    l_0_e7 = environment.getattr((undefined(name='lisible') if l_0_lisible is missing else l_0_lisible), 'etape7')
    context.vars['e7'] = l_0_e7
    context.exported_vars.add('e7')
    l_0_r4 = environment.getattr((undefined(name='reponse') if l_0_reponse is missing else l_0_reponse), 'etape4')
    context.vars['r4'] = l_0_r4
    context.exported_vars.add('r4')
    l_0_r5 = environment.getattr((undefined(name='reponse') if l_0_reponse is missing else l_0_reponse), 'etape5')
    context.vars['r5'] = l_0_r5
    context.exported_vars.add('r5')
    l_0_r6 = environment.getattr((undefined(name='reponse') if l_0_reponse is missing else l_0_reponse), 'etape6')
    context.vars['r6'] = l_0_r6
    context.exported_vars.add('r6')
    t_7 = []
    pass
    if (environment.getattr((undefined(name='r5') if l_0_r5 is missing else l_0_r5), 'document_cadrage_valide') == 'oui'):
        pass
        t_7.append(
            'Validé par les deux partenaires (étape 5)',
        )
    else:
        pass
        t_7.extend((
            'Projet\xa0; validation par les deux partenaires\xa0: ',
            escape(environment.finalize(t_3(environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'document_cadrage_valide')))),
        ))
    l_0_statut_document = (Markup if context.eval_ctx.autoescape else identity)(concat(t_7))
    context.vars['statut_document'] = l_0_statut_document
    context.exported_vars.add('statut_document')
    template = environment.get_template('_entete.md.j2', 'document-de-cadrage.md.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'e1': l_0_e1, 'e4': l_0_e4, 'e5': l_0_e5, 'e6': l_0_e6, 'e7': l_0_e7, 'engagements': l_0_engagements, 'm': l_0_m, 'r4': l_0_r4, 'r5': l_0_r5, 'r6': l_0_r6, 'statut_document': l_0_statut_document, 'titre_document': l_0_titre_document}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    if (environment.getattr((undefined(name='r5') if l_0_r5 is missing else l_0_r5), 'document_cadrage_valide') == 'oui'):
        pass
        yield 'Ce document récapitule ce que les deux partenaires ont convenu avant de formaliser leur engagement.'
    else:
        pass
        yield 'Ce document récapitule les points que les deux partenaires doivent arrêter ensemble avant de formaliser leur engagement\xa0; tant qu’ils ne l’ont pas validé tous les deux, il reste un projet.'
    yield ' Il leur sert de feuille de route commune\xa0: chacun y retrouve les objectifs, les actions, les moyens, le calendrier et les personnes responsables.\n\n# 1. Les parties\n\n| Partie | Organisation | Forme juridique | Représentée par | Qualité |\n|--------------|------------------|-------------------------|----------------|-------------|\n'
    if ((undefined(name='profil') if l_0_profil is missing else l_0_profil) == 'entreprise'):
        pass
        yield '| Entreprise | '
        yield escape(environment.finalize(t_1(environment.getattr((undefined(name='parties') if l_0_parties is missing else l_0_parties), 'entreprise'))))
        yield ' | '
        yield escape(environment.finalize(t_1(environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'organisation_forme_juridique'))))
        yield ' | '
        yield escape(environment.finalize(t_1(environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'organisation_representant'))))
        yield ' | '
        yield escape(environment.finalize(t_1(environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'organisation_qualite'))))
        yield ' |\n| Association | '
        yield escape(environment.finalize(t_1(environment.getattr((undefined(name='parties') if l_0_parties is missing else l_0_parties), 'association'))))
        yield ' | '
        yield escape(environment.finalize(t_1(environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'partenaire_forme_juridique'))))
        yield ' | '
        yield escape(environment.finalize(t_1(environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'partenaire_representant'))))
        yield ' | '
        yield escape(environment.finalize(t_1(environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'partenaire_qualite'))))
        yield ' |\n'
    else:
        pass
        yield '| Association | '
        yield escape(environment.finalize(t_1(environment.getattr((undefined(name='parties') if l_0_parties is missing else l_0_parties), 'association'))))
        yield ' | '
        yield escape(environment.finalize(t_1(environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'organisation_forme_juridique'))))
        yield ' | '
        yield escape(environment.finalize(t_1(environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'organisation_representant'))))
        yield ' | '
        yield escape(environment.finalize(t_1(environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'organisation_qualite'))))
        yield ' |\n| Entreprise | '
        yield escape(environment.finalize(t_1(environment.getattr((undefined(name='parties') if l_0_parties is missing else l_0_parties), 'entreprise'))))
        yield ' | '
        yield escape(environment.finalize(t_1(environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'partenaire_forme_juridique'))))
        yield ' | '
        yield escape(environment.finalize(t_1(environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'partenaire_representant'))))
        yield ' | '
        yield escape(environment.finalize(t_1(environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'partenaire_qualite'))))
        yield ' |\n'
    yield '\n| Partie | Type | Effectif | Siège | Chiffre d’affaires ou budget annuel |\n|--------------|------------------|------------------|-------------|-------------|\n| '
    yield escape(environment.finalize(t_1(environment.getattr((undefined(name='organisation') if l_0_organisation is missing else l_0_organisation), 'nom'))))
    yield ' | '
    yield escape(environment.finalize((t_1(environment.getattr(environment.getattr((undefined(name='lisible') if l_0_lisible is missing else l_0_lisible), 'etape1'), 'organisation_type')) if environment.getattr(environment.getattr((undefined(name='reponse') if l_0_reponse is missing else l_0_reponse), 'etape1'), 'organisation_type') else '—')))
    yield ' | '
    yield escape(environment.finalize((t_1(environment.getattr(environment.getattr((undefined(name='lisible') if l_0_lisible is missing else l_0_lisible), 'etape1'), 'organisation_effectif')) if environment.getattr(environment.getattr((undefined(name='reponse') if l_0_reponse is missing else l_0_reponse), 'etape1'), 'organisation_effectif') else '—')))
    yield ' | '
    yield escape(environment.finalize((t_1(environment.getattr(environment.getattr((undefined(name='lisible') if l_0_lisible is missing else l_0_lisible), 'etape1'), 'organisation_ville')) if environment.getattr(environment.getattr((undefined(name='reponse') if l_0_reponse is missing else l_0_reponse), 'etape1'), 'organisation_ville') else '—')))
    yield ' | '
    yield escape(environment.finalize((t_1(environment.getattr(environment.getattr((undefined(name='lisible') if l_0_lisible is missing else l_0_lisible), 'etape1'), 'organisation_budget')) if environment.getattr(environment.getattr((undefined(name='reponse') if l_0_reponse is missing else l_0_reponse), 'etape1'), 'organisation_budget') else '—')))
    yield ' |\n| '
    yield escape(environment.finalize(t_1((environment.getattr((undefined(name='partenaire') if l_0_partenaire is missing else l_0_partenaire), 'nom') or 'Partenaire'))))
    yield ' | '
    yield escape(environment.finalize((t_1(environment.getattr(environment.getattr((undefined(name='lisible') if l_0_lisible is missing else l_0_lisible), 'etape3'), 'partenaire_type')) if environment.getattr(environment.getattr((undefined(name='reponse') if l_0_reponse is missing else l_0_reponse), 'etape3'), 'partenaire_type') else '—')))
    yield ' | '
    yield escape(environment.finalize((t_1(environment.getattr(environment.getattr((undefined(name='lisible') if l_0_lisible is missing else l_0_lisible), 'etape3'), 'partenaire_effectif')) if environment.getattr(environment.getattr((undefined(name='reponse') if l_0_reponse is missing else l_0_reponse), 'etape3'), 'partenaire_effectif') else '—')))
    yield ' | '
    yield escape(environment.finalize((t_1(environment.getattr(environment.getattr((undefined(name='lisible') if l_0_lisible is missing else l_0_lisible), 'etape3'), 'partenaire_ville')) if environment.getattr(environment.getattr((undefined(name='reponse') if l_0_reponse is missing else l_0_reponse), 'etape3'), 'partenaire_ville') else '—')))
    yield ' | '
    yield escape(environment.finalize((t_1(environment.getattr(environment.getattr((undefined(name='lisible') if l_0_lisible is missing else l_0_lisible), 'etape3'), 'partenaire_budget')) if environment.getattr(environment.getattr((undefined(name='reponse') if l_0_reponse is missing else l_0_reponse), 'etape3'), 'partenaire_budget') else '—')))
    yield ' |\n\n# 2. Contexte et enjeux\n\n## 2.1 Les enjeux à l’origine du partenariat\n\n'
    yield escape(environment.finalize(environment.getattr((undefined(name='e1') if l_0_e1 is missing else l_0_e1), 'enjeux')))
    yield '\n\n## 2.2 Ce que les partenaires partagent\n\n'
    yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='e1') if l_0_e1 is missing else l_0_e1), 'enjeux_communs'), 'puces')))
    yield '\n\n## 2.3 Complémentarités\n\n'
    yield escape(environment.finalize(environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'complementarites')))
    yield '\n\n## 2.4 Thématiques de responsabilité sociétale concernées (ISO 26000)\n\n'
    yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='e1') if l_0_e1 is missing else l_0_e1), 'iso26000'), 'puces')))
    yield '\n\n# 3. Nature du partenariat\n\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Nature du projet', environment.getattr((undefined(name='e1') if l_0_e1 is missing else l_0_e1), 'nature_projet'))))
    yield '\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Catégorie de partenariat', environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'categorie_partenariat'))))
    yield '\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Forme juridique envisagée', environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'forme_juridique'))))
    yield '\n'
    if ((environment.getattr((undefined(name='r5') if l_0_r5 is missing else l_0_r5), 'forme_juridique') == 'convention_mecenat') or environment.getattr((undefined(name='finances') if l_0_finances is missing else l_0_finances), 'a_mecenat')):
        pass
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Type de mécénat', environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'type_mecenat'))))
        yield '\n'
    if ('competences' in (environment.getattr((undefined(name='r5') if l_0_r5 is missing else l_0_r5), 'type_mecenat') or [])):
        pass
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Convention de mise à disposition des salariés mécènes', environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'mise_a_disposition_salaries'))))
        yield '\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Lieu de signature', environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'lieu_signature'))))
    yield '\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Partenariat structurant', environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'partenariat_structurant'))))
    yield '\n\n# 4. Objectifs\n\n## 4.1 Objectifs communs\n\n'
    if environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'objectifs_communs'):
        pass
        yield '| N° | Objectif | Résultat attendu |\n|----|--------------------|------------------------------------------|\n'
        for l_1_o in environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'objectifs_communs'):
            _loop_vars = {}
            pass
            yield '| '
            yield escape(environment.finalize(environment.getattr(l_1_o, 'numero')))
            yield ' | '
            yield escape(environment.finalize(t_1(environment.getattr(l_1_o, 'intitule'))))
            yield ' | '
            yield escape(environment.finalize(t_1(environment.getattr(l_1_o, 'resultat_attendu'))))
            yield ' |\n'
        l_1_o = missing
    else:
        pass
        yield escape(environment.finalize(environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'objectifs_communs')))
        yield '\n'
    yield '\n## 4.2 Ce que chaque partenaire attend\n\n**Attentes de l’entreprise\xa0:**\\\n'
    yield escape(environment.finalize(environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'attentes_entreprise')))
    yield '\n\n**Attentes de l’association\xa0:**\\\n'
    yield escape(environment.finalize(environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'attentes_association')))
    yield "\n\n## 4.3 Objectifs propres de l'"
    yield escape(environment.finalize((undefined(name='profil') if l_0_profil is missing else l_0_profil)))
    yield '\n\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Objectifs prioritaires', environment.getattr((undefined(name='e1') if l_0_e1 is missing else l_0_e1), 'objectifs_prioritaires'))))
    yield '\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Attentes exprimées', environment.getattr((undefined(name='e1') if l_0_e1 is missing else l_0_e1), 'attentes'))))
    yield '\n\n# 5. Périmètre\n\n## 5.1 Périmètre géographique\n\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Échelle', environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'perimetre_geographique'))))
    yield '\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Territoires concernés', environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'zones'))))
    yield '\n'
    if (environment.getattr((undefined(name='r4') if l_0_r4 is missing else l_0_r4), 'perimetre_geographique') == 'international'):
        pass
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Déclinaison locale', environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'declinaison_locale'))))
        yield '\n'
    yield '\n## 5.2 Périmètre thématique\n\n'
    yield escape(environment.finalize(environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'perimetre_thematique')))
    yield '\n'
    if environment.getattr((undefined(name='r4') if l_0_r4 is missing else l_0_r4), 'hors_perimetre'):
        pass
        yield '\n**Hors du périmètre\xa0:**\\\n'
        yield escape(environment.finalize(environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'hors_perimetre')))
        yield '\n'
    yield '\n# 6. Bénéficiaires\n\n'
    yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'beneficiaires'), 'puces')))
    yield '\n'
    if context.call(environment.getattr(environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'beneficiaires'), 'contient'), 'publics_specifiques'):
        pass
        yield '\n**Publics particuliers\xa0:** '
        yield escape(environment.finalize(environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'publics_specifiques')))
        yield '\n'
    yield '\n# 7. Actions\n\n'
    if environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'actions'):
        pass
        yield '| N° | Action | Porteur | Pilote | Début | Fin |\n|-----|------------------|---------------|----------------------|------------|------------|\n'
        for l_1_a in environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'actions'):
            _loop_vars = {}
            pass
            yield '| '
            yield escape(environment.finalize(environment.getattr(l_1_a, 'numero')))
            yield ' | '
            yield escape(environment.finalize(t_1(environment.getattr(l_1_a, 'intitule'))))
            yield ' | '
            yield escape(environment.finalize(t_1(environment.getattr(l_1_a, 'porteur'))))
            yield ' | '
            yield escape(environment.finalize(t_1(environment.getattr(l_1_a, 'pilote'))))
            yield ' | '
            yield escape(environment.finalize(t_1(environment.getattr(l_1_a, 'date_debut'))))
            yield ' | '
            yield escape(environment.finalize(t_1(environment.getattr(l_1_a, 'date_fin'))))
            yield ' |\n'
        l_1_a = missing
        yield '\n'
        for l_1_a in environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'actions'):
            _loop_vars = {}
            pass
            yield '**Action '
            yield escape(environment.finalize(environment.getattr(l_1_a, 'numero')))
            yield ' – '
            yield escape(environment.finalize(t_3(environment.getattr(l_1_a, 'intitule'))))
            yield '\xa0:**\\\n'
            yield escape(environment.finalize(environment.getattr(l_1_a, 'description')))
            yield '\n\n'
        l_1_a = missing
    else:
        pass
        yield escape(environment.finalize(environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'actions')))
        yield '\n'
    yield '\n'
    def macro(l_1_partie, l_1_nom):
        t_8 = []
        l_1_humains = l_1_expertises = l_1_materiels = l_1_autres = l_1_flux = missing
        if l_1_partie is missing:
            l_1_partie = undefined("parameter 'partie' was not provided", name='partie')
        if l_1_nom is missing:
            l_1_nom = undefined("parameter 'nom' was not provided", name='nom')
        pass
        l_1_humains = context.call(environment.getattr(environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'moyens_humains'), 'de'), l_1_partie)
        l_1_expertises = context.call(environment.getattr(environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'moyens_techniques'), 'de'), l_1_partie)
        l_1_materiels = context.call(environment.getattr(environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'moyens_materiels'), 'de'), l_1_partie)
        l_1_autres = context.call(environment.getattr(environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'autres_engagements'), 'de'), l_1_partie)
        l_1_flux = context.call(environment.getattr(environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'flux'), 'de'), l_1_partie)
        for l_2_f in (undefined(name='flux') if l_1_flux is missing else l_1_flux):
            _loop_vars = {}
            pass
            t_8.extend((
                '- **',
                escape(environment.finalize(t_3(environment.getattr(l_2_f, 'nature')))),
                '\xa0:** ',
                escape(environment.finalize(t_3(environment.getattr(l_2_f, 'description')))),
                ', ',
                escape(environment.finalize(t_3(environment.getattr(l_2_f, 'montant')))),
                ' (section 8.4)\n',
            ))
            def t_9(fiter):
                for l_3_h in fiter:
                    if (environment.getattr(l_3_h, 'lie_au_flux') == environment.getattr(l_2_f, 'numero')):
                        yield l_3_h
            for l_3_h in t_9((undefined(name='humains') if l_1_humains is missing else l_1_humains)):
                _loop_vars = {}
                pass
                t_8.extend((
                    '    - moyens humains\xa0: ',
                    escape(environment.finalize(t_3(environment.getattr(l_3_h, 'description')))),
                ))
                if environment.getattr(l_3_h, 'volume'):
                    pass
                    t_8.extend((
                        ' (',
                        escape(environment.finalize(t_3(environment.getattr(l_3_h, 'volume')))),
                        ')',
                    ))
                t_8.append(
                    '\n',
                )
            l_3_h = missing
            def t_10(fiter):
                for l_3_t in fiter:
                    if (environment.getattr(l_3_t, 'lie_au_flux') == environment.getattr(l_2_f, 'numero')):
                        yield l_3_t
            for l_3_t in t_10((undefined(name='materiels') if l_1_materiels is missing else l_1_materiels)):
                _loop_vars = {}
                pass
                t_8.extend((
                    '    - ',
                    escape(environment.finalize(t_5(t_3(environment.getattr(l_3_t, 'nature'))))),
                    '\xa0: ',
                    escape(environment.finalize(t_3(environment.getattr(l_3_t, 'description')))),
                    '\n',
                ))
            l_3_t = missing
        l_2_f = missing
        if ((l_1_partie == 'association') and environment.getattr((undefined(name='r4') if l_0_r4 is missing else l_0_r4), 'contribution_association')):
            pass
            t_8.extend((
                '- **Contribution financière ou valorisée\xa0:** ',
                escape(environment.finalize(t_3(environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'contribution_association')))),
                '\n',
            ))
        def t_11(fiter):
            for l_2_h in fiter:
                if (not environment.getattr(l_2_h, 'lie_au_flux')):
                    yield l_2_h
        for l_2_h in t_11((undefined(name='humains') if l_1_humains is missing else l_1_humains)):
            _loop_vars = {}
            pass
            t_8.extend((
                '- **Moyens humains\xa0:** ',
                escape(environment.finalize(t_3(environment.getattr(l_2_h, 'description')))),
            ))
            if environment.getattr(l_2_h, 'volume'):
                pass
                t_8.extend((
                    ' (',
                    escape(environment.finalize(t_3(environment.getattr(l_2_h, 'volume')))),
                    ')',
                ))
            t_8.append(
                '\n',
            )
        l_2_h = missing
        for l_2_t in (undefined(name='expertises') if l_1_expertises is missing else l_1_expertises):
            _loop_vars = {}
            pass
            t_8.extend((
                '- **Expertise\xa0:** ',
                escape(environment.finalize(t_3(environment.getattr(l_2_t, 'expertise')))),
                '\n',
            ))
        l_2_t = missing
        def t_12(fiter):
            for l_2_t in fiter:
                if (not environment.getattr(l_2_t, 'lie_au_flux')):
                    yield l_2_t
        for l_2_t in t_12((undefined(name='materiels') if l_1_materiels is missing else l_1_materiels)):
            _loop_vars = {}
            pass
            t_8.extend((
                '- **Moyens matériels (',
                escape(environment.finalize(t_5(t_3(environment.getattr(l_2_t, 'nature'))))),
                ')\xa0:** ',
                escape(environment.finalize(t_3(environment.getattr(l_2_t, 'description')))),
                '\n',
            ))
        l_2_t = missing
        for l_2_t in (undefined(name='autres') if l_1_autres is missing else l_1_autres):
            _loop_vars = {}
            pass
            t_8.extend((
                '- **',
                escape(environment.finalize(('Autre engagement' if (context.call(environment.getattr(l_2_t, 'brut'), 'nature', _loop_vars=_loop_vars) == 'autre') else t_3(environment.getattr(l_2_t, 'nature'))))),
                '\xa0:** ',
                escape(environment.finalize(t_3(environment.getattr(l_2_t, 'description')))),
                '\n',
            ))
        l_2_t = missing
        if (not ((((((undefined(name='flux') if l_1_flux is missing else l_1_flux) or (undefined(name='humains') if l_1_humains is missing else l_1_humains)) or (undefined(name='expertises') if l_1_expertises is missing else l_1_expertises)) or (undefined(name='materiels') if l_1_materiels is missing else l_1_materiels)) or (undefined(name='autres') if l_1_autres is missing else l_1_autres)) or ((l_1_partie == 'association') and environment.getattr((undefined(name='r4') if l_0_r4 is missing else l_0_r4), 'contribution_association')))):
            pass
            t_8.extend((
                'Aucun apport de ',
                escape(environment.finalize(l_1_nom)),
                ' n’est noté dans les réponses.\n',
            ))
        return concat(t_8)
    context.exported_vars.add('engagements')
    context.vars['engagements'] = l_0_engagements = Macro(environment, macro, 'engagements', ('partie', 'nom'), False, False, False, context.eval_ctx.autoescape)
    yield '# 8. Engagements de chaque partenaire\n\nCe que chaque partenaire apporte et s’engage à faire\xa0; ce que chacun attend du partenariat figure à la section 4.2.\n'
    for (l_1_question, l_1_libelle) in [('moyens_humains', 'Moyens humains'), ('moyens_techniques', 'Expertises')]:
        l_1_etape4 = resolve('etape4')
        _loop_vars = {}
        pass
        if (l_1_question not in (undefined(name='etape4') if l_1_etape4 is missing else l_1_etape4)):
            pass
            yield '\n'
            yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), l_1_libelle, environment.getitem(environment.getattr((undefined(name='lisible') if l_0_lisible is missing else l_0_lisible), 'etape4'), l_1_question), _loop_vars=_loop_vars)))
            yield '\n'
    l_1_question = l_1_libelle = l_1_etape4 = missing
    yield '\n## 8.1 Engagements de l’entreprise ('
    yield escape(environment.finalize(t_3(environment.getattr((undefined(name='parties') if l_0_parties is missing else l_0_parties), 'entreprise'))))
    yield ')\n\n'
    yield escape(environment.finalize(context.call((undefined(name='engagements') if l_0_engagements is missing else l_0_engagements), 'entreprise', 'l’entreprise')))
    yield '\n\n## 8.2 Engagements de l’association ('
    yield escape(environment.finalize(t_3(environment.getattr((undefined(name='parties') if l_0_parties is missing else l_0_parties), 'association'))))
    yield ')\n\n'
    yield escape(environment.finalize(context.call((undefined(name='engagements') if l_0_engagements is missing else l_0_engagements), 'association', 'l’association')))
    yield '\n\n## 8.3 Moyens organisationnels\n\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Ressources mobilisées', environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'ressources_mobilisees'))))
    yield '\n'
    if environment.getattr(environment.getattr((undefined(name='reponse') if l_0_reponse is missing else l_0_reponse), 'etape6'), 'equipe_realisation'):
        pass
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Équipe de réalisation', environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'equipe_realisation'))))
        yield '\n'
    yield '\n## 8.4 Modalités financières\n\n'
    if environment.getattr((undefined(name='r4') if l_0_r4 is missing else l_0_r4), 'contribution_financiere'):
        pass
        if environment.getattr((undefined(name='r4') if l_0_r4 is missing else l_0_r4), 'flux'):
            pass
            yield '| Nature | Sens | Description | Valeur | Par année | TVA |\n|------------|----------|----------------------------|-----------|----------------|----------|\n'
            for l_1_f in environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'flux'):
                _loop_vars = {}
                pass
                yield '| '
                yield escape(environment.finalize(t_1(environment.getattr(l_1_f, 'nature'))))
                yield ' | '
                yield escape(environment.finalize(t_1(environment.getattr(l_1_f, 'sens'))))
                yield ' | '
                yield escape(environment.finalize(t_1(environment.getattr(l_1_f, 'description'))))
                yield ' | '
                yield escape(environment.finalize(t_1(environment.getattr(l_1_f, 'montant'))))
                yield ' | '
                yield escape(environment.finalize(t_1(environment.getattr(l_1_f, 'montants_annuels'))))
                yield ' | '
                yield escape(environment.finalize(t_1(environment.getattr(l_1_f, 'tva'))))
                yield ' |\n'
            l_1_f = missing
            yield '\n'
            for l_1_f in environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'flux'):
                _loop_vars = {}
                pass
                if (environment.getattr(l_1_f, 'methode_valorisation') or environment.getattr(l_1_f, 'calendrier')):
                    pass
                    yield '- **'
                    yield escape(environment.finalize(environment.getattr(l_1_f, 'description')))
                    yield '**\xa0:'
                    if environment.getattr(l_1_f, 'calendrier'):
                        pass
                        yield ' échéances\xa0: '
                        yield escape(environment.finalize(environment.getattr(l_1_f, 'calendrier')))
                    if environment.getattr(l_1_f, 'methode_valorisation'):
                        pass
                        if environment.getattr(l_1_f, 'calendrier'):
                            pass
                            yield ' ;'
                        yield ' valorisation\xa0: '
                        yield escape(environment.finalize(environment.getattr(l_1_f, 'methode_valorisation')))
                    yield '.\n'
            l_1_f = missing
            yield '\n'
        else:
            pass
            yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Flux du partenariat', environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'flux'))))
            yield '\n'
        if environment.getattr((undefined(name='finances') if l_0_finances is missing else l_0_finances), 'a_mecenat'):
            pass
            yield '| | |\n|------------------------------|------------------------------|\n| **Réduction d’impôt demandée (mécénat)** | '
            yield escape(environment.finalize(t_1(environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'deduction_fiscale'))))
            yield ' |\n| **Éligibilité de l’association** | '
            yield escape(environment.finalize(t_1(environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'eligibilite_association'))))
            yield ' |\n| **Repas, soins ou logement gratuits pour des personnes en difficulté** | '
            yield escape(environment.finalize(t_1(environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'aide_personnes_difficulte'))))
            yield ' |\n| **Reçu fiscal** | Cerfa n°\xa016216, pour les seuls dons ('
            yield escape(environment.finalize(t_4(environment.getattr((undefined(name='finances') if l_0_finances is missing else l_0_finances), 'total_dons'))))
            yield ' sur la durée), pas pour les flux payés ou prêtés |\n\n'
            template = environment.get_template('_simulation.md.j2', 'document-de-cadrage.md.j2')
            gen = template.root_render_func(template.new_context(context.get_all(), True, {'e1': l_0_e1, 'e4': l_0_e4, 'e5': l_0_e5, 'e6': l_0_e6, 'e7': l_0_e7, 'engagements': l_0_engagements, 'm': l_0_m, 'r4': l_0_r4, 'r5': l_0_r5, 'r6': l_0_r6, 'statut_document': l_0_statut_document, 'titre_document': l_0_titre_document}))
            try:
                for event in gen:
                    yield event
            finally: gen.close()
            yield '\n'
        if (not t_6(environment.getattr((undefined(name='r4') if l_0_r4 is missing else l_0_r4), 'versement_conditionne'))):
            pass
            yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Versements conditionnés à l’exécution', environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'versement_conditionne'))))
            yield '\n\n'
        if environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'echeancier'):
            pass
            yield '**Échéancier des versements**\n\n| Date | Montant | Condition |\n|-------------|-------------|------------------------------|\n'
            for l_1_v in environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'echeancier'):
                _loop_vars = {}
                pass
                yield '| '
                yield escape(environment.finalize(t_1(environment.getattr(l_1_v, 'date'))))
                yield ' | '
                yield escape(environment.finalize(t_1(environment.getattr(l_1_v, 'montant'))))
                yield ' | '
                yield escape(environment.finalize((t_1(environment.getattr(l_1_v, 'condition')) if environment.getattr(l_1_v, 'condition') else 'Aucune')))
                yield ' |\n'
            l_1_v = missing
        elif (not t_6(environment.getattr((undefined(name='r4') if l_0_r4 is missing else l_0_r4), 'versement_conditionne'))):
            pass
            yield '**Échéancier des versements\xa0:** '
            yield escape(environment.finalize(environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'echeancier')))
            yield '\n'
        if environment.getattr((undefined(name='r5') if l_0_r5 is missing else l_0_r5), 'affectation_fonds'):
            pass
            yield '\n'
            yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'paragraphe'), 'Sort des fonds non utilisés', environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'affectation_fonds'))))
            yield '\n'
    elif t_6(environment.getattr((undefined(name='r4') if l_0_r4 is missing else l_0_r4), 'contribution_financiere')):
        pass
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Contribution financière', environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'contribution_financiere'))))
        yield '\n'
    else:
        pass
        yield 'Le partenariat ne prévoit pas de contribution financière.\n'
    yield '\n# 9. Durée et calendrier\n\n| | |\n|------------------------------|------------------------------|\n| **Signature prévue** | '
    yield escape(environment.finalize(t_1(environment.getattr(environment.getattr((undefined(name='lisible') if l_0_lisible is missing else l_0_lisible), 'etape5'), 'date_signature_prevue'))))
    yield ' |\n| **Entrée en vigueur** | '
    yield escape(environment.finalize(t_1(environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'date_debut'))))
    yield ' |\n| **Durée de la convention** | '
    yield escape(environment.finalize(t_1(environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'duree_mois'))))
    yield ' |\n| **Fin prévue (dernier jour)** | '
    yield escape(environment.finalize((t_2((undefined(name='fin_convention') if l_0_fin_convention is missing else l_0_fin_convention)) if (undefined(name='fin_convention') if l_0_fin_convention is missing else l_0_fin_convention) else context.call((undefined(name='a_completer') if l_0_a_completer is missing else l_0_a_completer), "Fin prévue de la convention (date d'entrée en vigueur et durée, étape 4)"))))
    yield ' |\n| **Lancement opérationnel** | '
    yield escape(environment.finalize(t_1(environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'date_lancement'))))
    yield ' |\n| **Renouvellement** | '
    yield escape(environment.finalize(t_1(environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'renouvellement'))))
    yield ' |\n| **Préavis de non-renouvellement** | '
    yield escape(environment.finalize(t_1(environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'preavis_non_renouvellement_mois'))))
    yield ' |\n| **Rythme du projet** | '
    yield escape(environment.finalize(t_1(environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'rythme_projet'))))
    yield ' |\n\n'
    if (environment.getattr((undefined(name='r4') if l_0_r4 is missing else l_0_r4), 'renouvellement') and (environment.getattr((undefined(name='r4') if l_0_r4 is missing else l_0_r4), 'renouvellement') != 'aucun')):
        pass
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'paragraphe'), 'Conditions de renouvellement', environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'conditions_renouvellement'))))
        yield '\n\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'paragraphe'), 'Conséquences d’un non-renouvellement', environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'consequences_non_renouvellement'))))
    yield '\n\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'paragraphe'), 'Résiliation anticipée (conditions et conséquences)', environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'resiliation_anticipee'))))
    yield '\n\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'paragraphe'), 'Fin du projet', environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'modalites_fin'))))
    yield '\n\n# 10. Référents et pilotage\n\n## 10.1 Référents\n\n'
    if environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'referents'):
        pass
        yield '| Partie | Nom | Fonction | Courriel |\n|-------------|----------------|------------------|--------------------------|\n'
        for l_1_p in environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'referents'):
            _loop_vars = {}
            pass
            yield '| '
            yield escape(environment.finalize(t_1(environment.getattr(l_1_p, 'partie'))))
            yield ' | '
            yield escape(environment.finalize(t_1(environment.getattr(l_1_p, 'nom'))))
            yield ' | '
            yield escape(environment.finalize(t_1(environment.getattr(l_1_p, 'fonction'))))
            yield ' | '
            yield escape(environment.finalize((t_1(environment.getattr(l_1_p, 'courriel')) if environment.getattr(l_1_p, 'courriel') else 'Non précisé')))
            yield ' |\n'
        l_1_p = missing
    else:
        pass
        yield escape(environment.finalize(environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'referents')))
        yield '\n'
    yield '\n## 10.2 Comité de pilotage\n\n'
    if environment.getattr((undefined(name='r4') if l_0_r4 is missing else l_0_r4), 'comite_pilotage'):
        pass
        if environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'comite_membres'):
            pass
            yield '| Membre | Fonction | Partie |\n|--------------------|--------------------|-------------|\n'
            for l_1_c in environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'comite_membres'):
                _loop_vars = {}
                pass
                yield '| '
                yield escape(environment.finalize(t_1(environment.getattr(l_1_c, 'nom'))))
                yield ' | '
                yield escape(environment.finalize(t_1(environment.getattr(l_1_c, 'fonction'))))
                yield ' | '
                yield escape(environment.finalize(t_1(environment.getattr(l_1_c, 'partie'))))
                yield ' |\n'
            l_1_c = missing
        else:
            pass
            yield '**Membres\xa0:** '
            yield escape(environment.finalize(environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'comite_membres')))
            yield '\n'
        yield '\n'
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Rythme des réunions', environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'periodicite_comite_mois'))))
        yield '\n'
        if environment.getattr((undefined(name='r6') if l_0_r6 is missing else l_0_r6), 'attributions_comite'):
            pass
            yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Attributions', environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'attributions_comite'))))
            yield '\n'
    elif t_6(environment.getattr((undefined(name='r4') if l_0_r4 is missing else l_0_r4), 'comite_pilotage')):
        pass
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Comité de pilotage', environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'comite_pilotage'))))
        yield '\n'
    else:
        pass
        yield 'Pas de comité de pilotage\xa0: les référents assurent le suivi.\n'
    yield '\n# 11. Mise en œuvre\n\n'
    yield escape(environment.finalize(environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'modalites_mise_en_oeuvre')))
    yield '\n\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Responsable de la mise en œuvre', environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'responsable_mise_en_oeuvre'))))
    yield '\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Niveau de responsabilité', environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'niveau_responsable'))))
    yield '\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Plan d’action validé', environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'plan_action_valide'))))
    yield '\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Représentants des salariés', environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'representants_salaries'))))
    yield '\n\n# 12. Communication\n\n## 12.1 Communication interne\n\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Publics', environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'communication_interne_cibles'))))
    yield '\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Canaux', environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'communication_interne_canaux'))))
    yield '\n\n## 12.2 Communication externe\n\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Moment choisi', environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'moment_communication_externe'))))
    yield '\n'
    if (environment.getattr((undefined(name='r6') if l_0_r6 is missing else l_0_r6), 'moment_communication_externe') and (environment.getattr((undefined(name='r6') if l_0_r6 is missing else l_0_r6), 'moment_communication_externe') != 'aucune_communication')):
        pass
        if environment.getattr((undefined(name='r6') if l_0_r6 is missing else l_0_r6), 'date_communication_externe'):
            pass
            yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Date prévue', environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'date_communication_externe'))))
            yield '\n'
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Modalités', environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'modalites_communication_externe'))))
        yield '\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Usage des marques et logos', environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'usage_marques'))))
    yield '\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Liberté d’expression de l’association préservée', environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'liberte_expression_ong'))))
    yield '\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Exclusivité', environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'exclusivite'))))
    yield '\n\n# 13. Évaluation\n\n'
    yield escape(environment.finalize(environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'modalites_evaluation')))
    yield '\n\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Ce qui est évalué', environment.getattr((undefined(name='e7') if l_0_e7 is missing else l_0_e7), 'perimetre_evaluation'))))
    yield '\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Évaluateur', environment.getattr((undefined(name='e7') if l_0_e7 is missing else l_0_e7), 'evaluateur'))))
    yield '\n'
    if (environment.getattr(environment.getattr((undefined(name='reponse') if l_0_reponse is missing else l_0_reponse), 'etape7'), 'evaluateur') == 'tiers_exterieur'):
        pass
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Tiers évaluateur', environment.getattr((undefined(name='e7') if l_0_e7 is missing else l_0_e7), 'evaluateur_nom'))))
        yield '\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Premiers résultats attendus', environment.getattr((undefined(name='e7') if l_0_e7 is missing else l_0_e7), 'date_premiers_resultats'))))
    yield '\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Évaluation finale', environment.getattr((undefined(name='e7') if l_0_e7 is missing else l_0_e7), 'date_evaluation_finale'))))
    yield '\n\nLe détail des indicateurs et du calendrier figure dans le plan de suivi.\n\n# 14. Règlement des différends\n\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'paragraphe'), 'Procédure d’alerte et de règlement amiable', environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'procedure_alerte'))))
    yield '\n\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Médiation prévue', environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'mediation'))))
    yield '\n'
    if environment.getattr((undefined(name='r4') if l_0_r4 is missing else l_0_r4), 'mediation'):
        pass
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Composition de la médiation', environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'composition_mediation'))))
        yield '\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Loi applicable', environment.getattr((undefined(name='e5') if l_0_e5 is missing else l_0_e5), 'loi_applicable'))))
    yield '\n\nÀ défaut d’accord amiable, le tribunal compétent est celui que désigne le Code de procédure civile (articles 42 et 46)\xa0; le lieu de signature n’en désigne aucun.\n\n# 15. Points de vigilance\n\n'
    template = environment.get_template('_vigilance.md.j2', 'document-de-cadrage.md.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'e1': l_0_e1, 'e4': l_0_e4, 'e5': l_0_e5, 'e6': l_0_e6, 'e7': l_0_e7, 'engagements': l_0_engagements, 'm': l_0_m, 'r4': l_0_r4, 'r5': l_0_r5, 'r6': l_0_r6, 'statut_document': l_0_statut_document, 'titre_document': l_0_titre_document}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'sources'), environment.getattr((undefined(name='document') if l_0_document is missing else l_0_document), 'outil'))))
    yield '\n'

blocks = {}
debug_info = '1=58&2=60&3=63&4=78&5=89&6=103&7=109&13=116&14=119&15=127&17=138&18=146&23=155&24=165&30=175&34=177&38=179&42=181&46=183&47=185&48=187&49=189&50=191&52=193&53=195&55=197&56=199&62=201&65=204&66=208&69=217&75=220&78=222&80=224&82=226&83=228&89=230&90=232&91=234&92=236&97=239&98=241&101=244&106=247&107=249&109=252&114=255&117=258&118=262&121=276&122=280&123=284&127=289&130=292&131=300&132=301&133=302&134=303&135=304&138=305&139=310&140=317&141=326&143=339&144=348&147=355&148=359&150=362&151=371&153=384&154=389&156=393&157=402&159=408&160=413&162=419&163=423&169=430&170=434&172=437&176=441&178=443&180=445&182=447&186=449&187=451&188=453&193=456&194=458&197=461&198=465&201=479&202=482&203=485&208=503&210=505&213=508&214=510&215=512&216=514&218=516&221=523&222=525&225=527&230=530&231=534&233=541&234=544&236=546&238=549&240=551&241=553&250=559&251=561&252=563&253=565&254=567&255=569&256=571&257=573&259=575&260=577&263=579&265=581&267=583&273=585&276=588&277=592&280=603&285=606&286=608&289=611&290=615&293=625&296=628&297=630&298=632&300=634&301=636&308=642&310=644&311=646&312=648&313=650&319=652&320=654&324=656&325=658&326=660&327=662&329=664&331=666&332=668&333=670&337=672&339=674&340=676&341=678&342=680&344=682&345=684&351=686&353=688&354=690&355=692&357=694&363=696&365=703'