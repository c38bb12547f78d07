from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_simulation.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_finances = resolve('finances')
    l_0_sim = resolve('sim')
    try:
        t_1 = environment.filters['euros']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'euros' found.")
    try:
        t_2 = environment.filters['liste_fr']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'liste_fr' found.")
    try:
        t_3 = environment.filters['nombre']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'nombre' found.")
    try:
        t_4 = environment.filters['taux']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'taux' found.")
    pass
    if environment.getattr((undefined(name='finances') if l_0_finances is missing else l_0_finances), 'simulation'):
        pass
        l_0_sim = environment.getattr((undefined(name='finances') if l_0_finances is missing else l_0_finances), 'simulation')
        context.vars['sim'] = l_0_sim
        context.exported_vars.add('sim')
        yield '**Réduction d’impôt de l’entreprise, exercice par exercice ('
        yield escape(environment.finalize(environment.getattr((undefined(name='sim') if l_0_sim is missing else l_0_sim), 'libelle')))
        yield ')**\n'
        if (not environment.getattr((undefined(name='sim') if l_0_sim is missing else l_0_sim), 'chiffre_affaires')):
            pass
            yield '\n**Simulation non significative sans le chiffre d’affaires de l’entreprise\xa0:** le plafond appliqué ci-dessous est le seul montant fixe\xa0; le plafond réel est le plus élevé de ce montant et de 5\xa0‰ du chiffre d’affaires hors taxes (CGI art. 238 bis, 1). Les réductions sont donc un minimum, les reports un maximum, et aucun don n’est présenté comme perdu. Demandez son chiffre d’affaires à l’entreprise.\n'
        yield '\n| Exercice | Dons de l’année | Plafond | Dons retenus | Report utilisé | Réduction | Reste à reporter |\n|--------------|------------|------------|------------|------------|-------------|------------|\n'
        for l_1_l in environment.getattr((undefined(name='sim') if l_0_sim is missing else l_0_sim), 'lignes'):
            _loop_vars = {}
            pass
            yield '| '
            yield escape(environment.finalize(environment.getattr(l_1_l, 'annee')))
            if environment.getattr(l_1_l, 'extrapolee'):
                pass
                yield ' (chiffres '
                yield escape(environment.finalize(environment.getattr(l_1_l, 'annee_reglages')))
                yield ')'
            yield ' | '
            yield escape(environment.finalize(t_1(environment.getattr(l_1_l, 'dons'))))
            yield ' | '
            yield escape(environment.finalize(t_1(environment.getattr(l_1_l, 'plafond'))))
            yield ' | '
            yield escape(environment.finalize(t_1(environment.getattr(l_1_l, 'retenu_annee'))))
            yield ' | '
            yield escape(environment.finalize(t_1(environment.getattr(l_1_l, 'retenu_report'))))
            yield ' | '
            yield escape(environment.finalize(t_1(environment.getattr(l_1_l, 'reduction'))))
            yield ' | '
            yield escape(environment.finalize(t_1(environment.getattr(l_1_l, 'report_restant'))))
            if (environment.getattr(l_1_l, 'perdu') and environment.getattr((undefined(name='sim') if l_0_sim is missing else l_0_sim), 'chiffre_affaires')):
                pass
                yield ' ('
                yield escape(environment.finalize(t_1(environment.getattr(l_1_l, 'perdu'))))
                yield ' perdus)'
            yield ' |\n'
        l_1_l = missing
        yield '| **Total** | **'
        yield escape(environment.finalize(t_1(environment.getattr((undefined(name='sim') if l_0_sim is missing else l_0_sim), 'total_dons'))))
        yield '** | | | | **'
        yield escape(environment.finalize(t_1(environment.getattr((undefined(name='sim') if l_0_sim is missing else l_0_sim), 'total_reduction'))))
        yield '** | |\n\nHypothèses\xa0: l’exercice de l’entreprise suit l’année civile\xa0; '
        if environment.getattr((undefined(name='sim') if l_0_sim is missing else l_0_sim), 'chiffre_affaires'):
            pass
            yield 'chiffre d’affaires hors taxes de '
            yield escape(environment.finalize(t_1(environment.getattr((undefined(name='sim') if l_0_sim is missing else l_0_sim), 'chiffre_affaires'))))
            yield ' chaque année'
        else:
            pass
            yield 'chiffre d’affaires inconnu, seul le plafond fixe est retenu'
        yield '\xa0; '
        if environment.getattr((undefined(name='sim') if l_0_sim is missing else l_0_sim), 'personnes_en_difficulte'):
            pass
            yield 'organisme aidant des personnes en difficulté, taux plein sans seuil'
        else:
            pass
            yield 'taux réduit sur la part des dons retenus de l’année au-delà du seuil'
        yield '\xa0; l’impôt dû suffit à absorber la réduction. L’excédent de dons au-delà du plafond se reporte sur les exercices suivants, après les dons de chacun d’eux. Les dons comptés sont ceux que l’entreprise fait à l’association\xa0: numéraire, nature et compétences, à la valeur indiquée pour chaque flux.\n'
        if environment.getattr((undefined(name='sim') if l_0_sim is missing else l_0_sim), 'annees_extrapolees'):
            pass
            yield '\nExercices postérieurs aux réglages connus ('
            yield escape(environment.finalize(t_2(environment.getattr((undefined(name='sim') if l_0_sim is missing else l_0_sim), 'annees_extrapolees'))))
            yield ')\xa0: les chiffres de la dernière année connue sont repris\xa0; ils seront à vérifier après chaque loi de finances.\n'
        yield '\nChiffres utilisés et leurs sources\xa0:\n\n'
        for l_1_f in environment.getattr((undefined(name='sim') if l_0_sim is missing else l_0_sim), 'sources'):
            _loop_vars = {}
            pass
            yield '- '
            yield escape(environment.finalize(environment.getattr(l_1_f, 'libelle')))
            yield '\xa0: '
            if (environment.getattr(l_1_f, 'unite') == 'taux'):
                pass
                yield escape(environment.finalize(t_4(environment.getattr(l_1_f, 'valeur'))))
            elif (environment.getattr(l_1_f, 'unite') == 'euros'):
                pass
                yield escape(environment.finalize(t_1(environment.getattr(l_1_f, 'valeur'))))
            elif (environment.getattr(l_1_f, 'unite') == 'annees'):
                pass
                yield escape(environment.finalize(t_3(environment.getattr(l_1_f, 'valeur'))))
                yield ' ans'
            else:
                pass
                yield escape(environment.finalize(t_3(environment.getattr(l_1_f, 'valeur'))))
            yield '\xa0; source\xa0: '
            yield escape(environment.finalize(environment.getattr(l_1_f, 'mention')))
            yield '.\n'
        l_1_f = missing

blocks = {}
debug_info = '3=37&4=39&5=43&6=45&13=49&14=53&16=79&18=83&19=99&21=102&26=105&27=109'