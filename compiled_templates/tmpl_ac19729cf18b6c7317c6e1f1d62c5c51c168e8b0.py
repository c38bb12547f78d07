from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'plan-de-suivi.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_lisible = resolve('lisible')
    l_0_reponse = resolve('reponse')
    l_0_etape6 = resolve('etape6')
    l_0_indicateurs_par_axe = resolve('indicateurs_par_axe')
    l_0_calendrier = resolve('calendrier')
    l_0_frise = resolve('frise')
    l_0_jours_feries_source = resolve('jours_feries_source')
    l_0_sources_calendrier = resolve('sources_calendrier')
    l_0_avertissements_calendrier = resolve('avertissements_calendrier')
    l_0_a_completer = resolve('a_completer')
    l_0_document = resolve('document')
    l_0_m = l_0_titre_document = l_0_e2 = l_0_e4 = l_0_e6 = l_0_e7 = l_0_r4 = l_0_r6 = l_0_r7 = missing
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
        t_4 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    l_0_m = context.vars['m'] = environment.get_template('_macros.md.j2', 'plan-de-suivi.md.j2')._get_default_module(context)
    context.exported_vars.discard('m')
    l_0_titre_document = 'Plan de suivi et d’évaluation du partenariat'
    context.vars['titre_document'] = l_0_titre_document
    context.exported_vars.add('titre_document')
    l_0_e2 = environment.getattr((undefined(name='lisible') if l_0_lisible is missing else l_0_lisible), 'etape2')
    context.vars['e2'] = l_0_e2
    context.exported_vars.add('e2')
    l_0_e4 = environment.getattr((undefined(name='lisible') if l_0_lisible is missing else l_0_lisible), 'etape4')
    context.vars['e4'] = l_0_e4
    context.exported_vars.add('e4')
    l_0_e6 = environment.getattr((undefined(name='lisible') if l_0_lisible is missing else l_0_lisible), 'etape6')
    context.vars['e6'] = l_0_e6
    context.exported_vars.add('e6')
    l_0_e7 = environment.getattr((undefined(name='lisible') if l_0_lisible is missing else l_0_lisible), 'etape7')
    context.vars['e7'] = l_0_e7
    context.exported_vars.add('e7')
    l_0_r4 = environment.getattr((undefined(name='reponse') if l_0_reponse is missing else l_0_reponse), 'etape4')
    context.vars['r4'] = l_0_r4
    context.exported_vars.add('r4')
    l_0_r6 = environment.getattr((undefined(name='reponse') if l_0_reponse is missing else l_0_reponse), 'etape6')
    context.vars['r6'] = l_0_r6
    context.exported_vars.add('r6')
    l_0_r7 = environment.getattr((undefined(name='reponse') if l_0_reponse is missing else l_0_reponse), 'etape7')
    context.vars['r7'] = l_0_r7
    context.exported_vars.add('r7')
    template = environment.get_template('_entete.md.j2', 'plan-de-suivi.md.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'e2': l_0_e2, 'e4': l_0_e4, 'e6': l_0_e6, 'e7': l_0_e7, 'm': l_0_m, 'r4': l_0_r4, 'r6': l_0_r6, 'r7': l_0_r7, 'titre_document': l_0_titre_document}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield 'Ce plan dit qui suit le partenariat, à quel rythme, avec quels indicateurs et selon quel calendrier, jusqu’à la décision de le renouveler, de le modifier ou d’y mettre fin.\n\n# 1. Qui suit le partenariat\n\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'paragraphe'), 'Équipe de suivi', environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'equipe_suivi'))))
    yield '\n\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Responsable de la mise en œuvre', environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'responsable_mise_en_oeuvre'))))
    yield '\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Niveau de responsabilité', environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'niveau_responsable'))))
    yield '\n\n'
    if environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'referents'):
        pass
        yield '| Partie | Référent | Fonction | Courriel |\n|--------------|------------|-------------|----------------------------------|\n'
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
        yield '**Référents\xa0:** '
        yield escape(environment.finalize(environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'referents')))
        yield '\n'
    if environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'acteurs_locaux'):
        pass
        yield '\n**Acteurs locaux associés au suivi**\n\n| Acteur | Rôle |\n|--------------------|------------------------------|\n'
        for l_1_a in environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'acteurs_locaux'):
            _loop_vars = {}
            pass
            yield '| '
            yield escape(environment.finalize(t_1(environment.getattr(l_1_a, 'nom'))))
            yield ' | '
            yield escape(environment.finalize(t_1(environment.getattr(l_1_a, 'role'))))
            yield ' |\n'
        l_1_a = missing
    yield '\n# 2. Instance de pilotage et rythme des échanges\n\n'
    if environment.getattr((undefined(name='r4') if l_0_r4 is missing else l_0_r4), 'comite_pilotage'):
        pass
        yield 'Un comité de pilotage réunit les deux partenaires'
        if environment.getattr((undefined(name='r6') if l_0_r6 is missing else l_0_r6), 'periodicite_comite_mois'):
            pass
            yield ' '
            yield escape(environment.finalize(environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'periodicite_comite_mois')))
        yield '.\n\n'
        if environment.getattr((undefined(name='r6') if l_0_r6 is missing else l_0_r6), 'attributions_comite'):
            pass
            yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'paragraphe'), 'Attributions du comité', environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'attributions_comite'))))
            yield '\n\n'
    elif t_4(environment.getattr((undefined(name='r4') if l_0_r4 is missing else l_0_r4), 'comite_pilotage')):
        pass
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Comité de pilotage', environment.getattr((undefined(name='e4') if l_0_e4 is missing else l_0_e4), 'comite_pilotage'))))
        yield '\n'
    else:
        pass
        yield 'Pas de comité de pilotage\xa0: les référents se réunissent'
        if environment.getattr((undefined(name='r6') if l_0_r6 is missing else l_0_r6), 'periodicite_comite_mois'):
            pass
            yield ' '
            yield escape(environment.finalize(environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'periodicite_comite_mois')))
        yield '.\n\n'
    if ((not environment.getattr((undefined(name='r6') if l_0_r6 is missing else l_0_r6), 'periodicite_comite_mois')) or t_4(environment.getattr((undefined(name='r4') if l_0_r4 is missing else l_0_r4), 'comite_pilotage'))):
        pass
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Rythme des réunions formelles', environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'periodicite_comite_mois'))))
        yield '\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Échanges informels prévus', environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'reunions_informelles'))))
    yield '\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Formes du dialogue dans la durée', environment.getattr((undefined(name='e2') if l_0_e2 is missing else l_0_e2), 'dialogue_continu'))))
    yield '\n\n# 3. Reporting\n\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Rythme', environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'periodicite_reporting_mois'))))
    yield '\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Contenu', environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'contenu_reporting'))))
    yield '\n\n# 4. Communication sur l’avancement\n\n'
    yield escape(environment.finalize(environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'communication_avancement')))
    yield '\n\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Communication externe', environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'moment_communication_externe'))))
    yield '\n'
    if ('traduction_documents' in (undefined(name='etape6') if l_0_etape6 is missing else l_0_etape6)):
        pass
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Traduction des documents pour les équipes à l’étranger', environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'traduction_documents'))))
        yield '\n'
    yield '\n# 5. Mesure des résultats et indicateurs\n\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Objectifs de l’évaluation', environment.getattr((undefined(name='e7') if l_0_e7 is missing else l_0_e7), 'objectifs_evaluation'))))
    yield '\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Ce qui est évalué', environment.getattr((undefined(name='e7') if l_0_e7 is missing else l_0_e7), 'perimetre_evaluation'))))
    yield '\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Évaluateur', environment.getattr((undefined(name='e7') if l_0_e7 is missing else l_0_e7), 'evaluateur'))))
    yield '\n'
    if (environment.getattr((undefined(name='r7') if l_0_r7 is missing else l_0_r7), 'evaluateur') == 'tiers_exterieur'):
        pass
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Tiers évaluateur', environment.getattr((undefined(name='e7') if l_0_e7 is missing else l_0_e7), 'evaluateur_nom'))))
        yield '\n'
    yield '\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'paragraphe'), 'Méthode', environment.getattr((undefined(name='e7') if l_0_e7 is missing else l_0_e7), 'methode_evaluation'))))
    yield '\n\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'paragraphe'), 'Mesure de l’impact et de l’efficacité', environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'mesure_impact'))))
    yield '\n'
    if environment.getattr(environment.getattr((undefined(name='reponse') if l_0_reponse is missing else l_0_reponse), 'etape6'), 'analyse_effets_organisations'):
        pass
        yield '\n'
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'paragraphe'), 'Effets du partenariat sur chaque organisation', environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'analyse_effets_organisations'))))
        yield '\n'
    yield '\n'
    if (undefined(name='indicateurs_par_axe') if l_0_indicateurs_par_axe is missing else l_0_indicateurs_par_axe):
        pass
        for l_1_groupe in (undefined(name='indicateurs_par_axe') if l_0_indicateurs_par_axe is missing else l_0_indicateurs_par_axe):
            _loop_vars = {}
            pass
            yield '## Indicateurs\xa0: '
            yield escape(environment.finalize(t_3(environment.getattr(l_1_groupe, 'libelle'))))
            yield '\n\n'
            if environment.getattr(l_1_groupe, 'indicateurs'):
                pass
                yield '| Indicateur | Valeur de référence | Cible | Source |\n|--------------------------|------------------|------------------|------------------|\n'
                for l_2_i in environment.getattr(l_1_groupe, 'indicateurs'):
                    _loop_vars = {}
                    pass
                    yield '| '
                    yield escape(environment.finalize(t_1(environment.getattr(l_2_i, 'intitule'))))
                    yield ' | '
                    yield escape(environment.finalize(t_1(environment.getattr(l_2_i, 'valeur_reference'))))
                    yield ' | '
                    yield escape(environment.finalize(t_1(environment.getattr(l_2_i, 'cible'))))
                    yield ' | '
                    yield escape(environment.finalize((t_1(environment.getattr(l_2_i, 'source')) if environment.getattr(l_2_i, 'source') else 'Non précisée')))
                    yield ' |\n'
                l_2_i = missing
            else:
                pass
                yield escape(environment.finalize(context.call((undefined(name='a_completer') if l_0_a_completer is missing else l_0_a_completer), markup_join(("Étape 7 – Indicateurs de l'axe « ", environment.getattr(l_1_groupe, 'libelle'), ' »', )), _loop_vars=_loop_vars)))
                yield '\xa0: aucun indicateur n’est encore prévu pour cet axe, qui fait partie de ce qui est évalué.\n'
            yield '\n'
        l_1_groupe = missing
    else:
        pass
        yield '**Indicateurs\xa0:** '
        yield escape(environment.finalize(environment.getattr((undefined(name='e7') if l_0_e7 is missing else l_0_e7), 'indicateurs')))
        yield '\n'
    yield '\n# 6. Calendrier\n\n'
    if (undefined(name='calendrier') if l_0_calendrier is missing else l_0_calendrier):
        pass
        yield escape(environment.finalize((undefined(name='frise') if l_0_frise is missing else l_0_frise)))
        yield '\n\n| Date | Échéance | Qui | Précisions |\n|----------------------|----------------------------|---------------|--------------------------------|\n'
        for l_1_ev in (undefined(name='calendrier') if l_0_calendrier is missing else l_0_calendrier):
            l_1_parties_calendrier = resolve('parties_calendrier')
            _loop_vars = {}
            pass
            yield '| '
            yield escape(environment.finalize(t_2(environment.getattr(l_1_ev, 'date'))))
            yield ' | '
            yield escape(environment.finalize(t_1(environment.getattr(l_1_ev, 'evenement'))))
            if environment.getattr(l_1_ev, 'repere_pratique'):
                pass
                yield ' (repère pratique)'
            yield ' | '
            yield escape(environment.finalize(environment.getitem((undefined(name='parties_calendrier') if l_1_parties_calendrier is missing else l_1_parties_calendrier), environment.getattr(l_1_ev, 'partie'))))
            yield ' | '
            yield escape(environment.finalize((t_1(environment.getattr(l_1_ev, 'detail')) if environment.getattr(l_1_ev, 'detail') else '')))
            yield ' |\n'
        l_1_ev = l_1_parties_calendrier = missing
        yield '\nLes dates calculées par l’outil (réunions, reporting, dates limites, échéances légales) tombent un jour ouvré\xa0: une réunion qui tomberait un samedi, un dimanche ou un jour férié est reportée au jour ouvré suivant, une date limite est avancée au jour ouvré précédent. '
        yield escape(environment.finalize(t_3((undefined(name='jours_feries_source') if l_0_jours_feries_source is missing else l_0_jours_feries_source))))
        yield '. Les dates choisies dans les réponses ne sont jamais déplacées. La convention finit la veille du jour anniversaire de son entrée en vigueur (une convention de 36 mois qui entre en vigueur le 4 janvier 2027 prend fin le 3 janvier 2030).\n'
        if (undefined(name='sources_calendrier') if l_0_sources_calendrier is missing else l_0_sources_calendrier):
            pass
            yield '\n**Sources des échéances légales et fiscales**\n\n'
            for l_1_s in (undefined(name='sources_calendrier') if l_0_sources_calendrier is missing else l_0_sources_calendrier):
                _loop_vars = {}
                pass
                yield '- '
                yield escape(environment.finalize(t_3(environment.getattr(l_1_s, 'libelle'))))
                yield '\xa0: '
                yield escape(environment.finalize(t_3(environment.getattr(l_1_s, 'source'))))
                yield '.\n'
            l_1_s = missing
        if (undefined(name='avertissements_calendrier') if l_0_avertissements_calendrier is missing else l_0_avertissements_calendrier):
            pass
            yield '\n**Dates laissées hors du calendrier**\n\n'
            for l_1_a in (undefined(name='avertissements_calendrier') if l_0_avertissements_calendrier is missing else l_0_avertissements_calendrier):
                _loop_vars = {}
                pass
                yield '- '
                yield escape(environment.finalize(t_3(l_1_a)))
                yield '\n'
            l_1_a = missing
    else:
        pass
        yield escape(environment.finalize(context.call((undefined(name='a_completer') if l_0_a_completer is missing else l_0_a_completer), "Calendrier : date d'entrée en vigueur, durée (étape 4), date de signature (étape 5) et date de lancement (étape 6)")))
        yield '\xa0: le calendrier se calcule à partir de la date d’entrée en vigueur et de la durée de la convention (étape 4), de la date de signature (étape 5) et de la date de lancement (étape 6).\n'
    if t_4(environment.getattr(environment.getattr((undefined(name='reponse') if l_0_reponse is missing else l_0_reponse), 'etape7'), 'bilans_intermediaires')):
        pass
        yield '\n'
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Bilans intermédiaires', environment.getattr((undefined(name='e7') if l_0_e7 is missing else l_0_e7), 'bilans_intermediaires'))))
        yield '\n'
    yield '\n# 7. Décision à l’issue de la convention\n\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'champ'), 'Orientation actuelle', environment.getattr((undefined(name='e7') if l_0_e7 is missing else l_0_e7), 'decision_issue'))))
    yield '\n\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'paragraphe'), 'Critères de décision (renouveler, modifier ou mettre fin)', environment.getattr((undefined(name='e7') if l_0_e7 is missing else l_0_e7), 'criteres_decision'))))
    yield '\n\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'paragraphe'), 'Quand sortir du partenariat ou accueillir d’autres partenaires', environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'conditions_sortie'))))
    yield '\n'
    if environment.getattr((undefined(name='r6') if l_0_r6 is missing else l_0_r6), 'ajustements'):
        pass
        yield '\n'
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'paragraphe'), 'Ajustements prévus', environment.getattr((undefined(name='e6') if l_0_e6 is missing else l_0_e6), 'ajustements'))))
        yield '\n'
    yield '\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'paragraphe'), 'Capitaliser l’expérience', environment.getattr((undefined(name='e7') if l_0_e7 is missing else l_0_e7), 'capitalisation'))))
    yield '\n\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'sources'), environment.getattr((undefined(name='document') if l_0_document is missing else l_0_document), 'outil'))))
    yield '\n'

blocks = {}
debug_info = '1=47&2=49&3=52&4=64&5=73&10=80&12=82&13=84&15=86&18=89&19=93&22=105&24=107&30=110&31=114&37=120&38=123&40=128&41=130&44=132&45=134&47=139&50=144&51=146&53=148&54=150&58=152&59=154&63=156&65=158&66=160&67=162&72=165&73=167&74=169&75=171&76=173&79=176&81=178&82=180&84=183&87=186&88=188&89=192&91=194&94=197&95=201&98=212&103=219&108=222&109=224&113=226&114=231&117=244&118=246&122=249&123=253&126=258&130=261&131=265&135=270&137=272&139=275&144=278&146=280&148=282&149=284&151=287&154=290&156=292'